package org.anserv.demo.output;

import java.util.List;

/**
 * The edx-platform tables the demo fills, as MySQL/MariaDB DDL with edx-platform's column names and types (Django
 * 4 era: {@code datetime(6)}, {@code BigAutoField} for {@code courseware_studentmodule}). {@code
 * course_overviews_courseoverview} is a subset of its real columns, enough to name courses.
 */
final class LmsSchema {

  static final List<String> TABLES = List.of(
      """
      CREATE TABLE `auth_user` (
        `id` int NOT NULL AUTO_INCREMENT,
        `password` varchar(128) NOT NULL,
        `last_login` datetime(6) DEFAULT NULL,
        `is_superuser` tinyint(1) NOT NULL,
        `username` varchar(150) NOT NULL,
        `first_name` varchar(150) NOT NULL,
        `last_name` varchar(150) NOT NULL,
        `email` varchar(254) NOT NULL,
        `is_staff` tinyint(1) NOT NULL,
        `is_active` tinyint(1) NOT NULL,
        `date_joined` datetime(6) NOT NULL,
        PRIMARY KEY (`id`),
        UNIQUE KEY `username` (`username`),
        UNIQUE KEY `email` (`email`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""",
      """
      CREATE TABLE `auth_userprofile` (
        `id` int NOT NULL AUTO_INCREMENT,
        `name` varchar(255) NOT NULL,
        `meta` longtext NOT NULL,
        `courseware` varchar(255) NOT NULL,
        `language` varchar(255) NOT NULL,
        `location` varchar(255) NOT NULL,
        `year_of_birth` int DEFAULT NULL,
        `gender` varchar(6) DEFAULT NULL,
        `level_of_education` varchar(6) DEFAULT NULL,
        `mailing_address` longtext,
        `city` longtext,
        `country` varchar(2) DEFAULT NULL,
        `goals` longtext,
        `allow_certificate` tinyint(1) NOT NULL,
        `bio` varchar(3000) DEFAULT NULL,
        `profile_image_uploaded_at` datetime(6) DEFAULT NULL,
        `user_id` int NOT NULL,
        `phone_number` varchar(50) DEFAULT NULL,
        `state` varchar(2) DEFAULT NULL,
        PRIMARY KEY (`id`),
        UNIQUE KEY `user_id` (`user_id`),
        KEY `auth_userprofile_name` (`name`),
        KEY `auth_userprofile_year_of_birth` (`year_of_birth`),
        KEY `auth_userprofile_gender` (`gender`),
        KEY `auth_userprofile_level_of_education` (`level_of_education`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""",
      """
      CREATE TABLE `student_courseenrollment` (
        `id` int NOT NULL AUTO_INCREMENT,
        `course_id` varchar(255) NOT NULL,
        `created` datetime(6) DEFAULT NULL,
        `is_active` tinyint(1) NOT NULL,
        `mode` varchar(100) NOT NULL,
        `user_id` int NOT NULL,
        PRIMARY KEY (`id`),
        UNIQUE KEY `student_courseenrollment_user_id_course_id_uniq` (`user_id`,`course_id`),
        KEY `student_courseenrollment_course_id` (`course_id`),
        KEY `student_courseenrollment_created` (`created`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""",
      """
      CREATE TABLE `courseware_studentmodule` (
        `id` bigint NOT NULL AUTO_INCREMENT,
        `module_type` varchar(32) NOT NULL,
        `module_id` varchar(255) NOT NULL,
        `course_id` varchar(255) NOT NULL,
        `state` longtext,
        `grade` double DEFAULT NULL,
        `max_grade` double DEFAULT NULL,
        `done` varchar(8) NOT NULL,
        `created` datetime(6) NOT NULL,
        `modified` datetime(6) NOT NULL,
        `student_id` int NOT NULL,
        PRIMARY KEY (`id`),
        UNIQUE KEY `courseware_studentmodule_student_module_course_uniq` (`student_id`,`module_id`,`course_id`),
        KEY `courseware_studentmodule_module_type` (`module_type`),
        KEY `courseware_studentmodule_course_id` (`course_id`),
        KEY `courseware_studentmodule_grade` (`grade`),
        KEY `courseware_studentmodule_created` (`created`),
        KEY `courseware_studentmodule_modified` (`modified`),
        KEY `courseware_studentmodule_module_id_course_id` (`module_id`,`course_id`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""",
      """
      CREATE TABLE `certificates_generatedcertificate` (
        `id` int NOT NULL AUTO_INCREMENT,
        `course_id` varchar(255) NOT NULL,
        `verify_uuid` varchar(32) NOT NULL,
        `grade` varchar(5) NOT NULL,
        `key` varchar(32) NOT NULL,
        `distinction` tinyint(1) NOT NULL,
        `status` varchar(32) NOT NULL,
        `mode` varchar(32) NOT NULL,
        `name` varchar(255) NOT NULL,
        `created_date` datetime(6) NOT NULL,
        `modified_date` datetime(6) NOT NULL,
        `download_uuid` varchar(32) NOT NULL,
        `download_url` varchar(128) NOT NULL,
        `error_reason` varchar(512) NOT NULL,
        `user_id` int NOT NULL,
        PRIMARY KEY (`id`),
        UNIQUE KEY `certificates_generatedcertificate_user_id_course_id_uniq` (`user_id`,`course_id`),
        KEY `certificates_generatedcertificate_verify_uuid` (`verify_uuid`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""",
      """
      CREATE TABLE `course_overviews_courseoverview` (
        `created` datetime(6) NOT NULL,
        `modified` datetime(6) NOT NULL,
        `version` int NOT NULL,
        `id` varchar(255) NOT NULL,
        `_location` varchar(255) NOT NULL,
        `display_name` longtext,
        `display_number_with_default` longtext NOT NULL,
        `display_org_with_default` longtext NOT NULL,
        `start` datetime(6) DEFAULT NULL,
        `end` datetime(6) DEFAULT NULL,
        `org` longtext NOT NULL,
        `self_paced` tinyint(1) NOT NULL,
        PRIMARY KEY (`id`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""",
      """
      CREATE TABLE `external_user_ids_externalidtype` (
        `id` int NOT NULL AUTO_INCREMENT,
        `created` datetime(6) NOT NULL,
        `modified` datetime(6) NOT NULL,
        `name` varchar(32) NOT NULL,
        `description` longtext NOT NULL,
        PRIMARY KEY (`id`),
        UNIQUE KEY `name` (`name`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""",
      // Django's UUIDField is char(32) on MySQL: 32 hex digits without dashes.
      """
      CREATE TABLE `external_user_ids_externalid` (
        `id` int NOT NULL AUTO_INCREMENT,
        `created` datetime(6) NOT NULL,
        `modified` datetime(6) NOT NULL,
        `external_user_id` char(32) NOT NULL,
        `external_id_type_id` int NOT NULL,
        `user_id` int NOT NULL,
        PRIMARY KEY (`id`),
        UNIQUE KEY `external_user_id` (`external_user_id`),
        UNIQUE KEY `user_id_type` (`user_id`, `external_id_type_id`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""");

  private LmsSchema() {
  }

  /** The name of a table from its DDL. */
  static String name(String ddl) {
    int start = ddl.indexOf('`') + 1;
    return ddl.substring(start, ddl.indexOf('`', start));
  }
}
