-- Three learners and a staff member; four enrollments in two courses, one of them ended (is_active = 0).
INSERT INTO auth_user (id, password, last_login, is_superuser, username, first_name, last_name, email, is_staff,
                       is_active, date_joined) VALUES
  (1, 'pbkdf2_sha256$x', '2024-03-01 08:30:00.000000', 0, 'alice', 'Alice', 'Martin', 'alice@example.com', 0, 1,
   '2024-01-05 10:00:00.000000'),
  (2, 'pbkdf2_sha256$x', NULL, 0, 'bob', 'Bob', 'Okafor', 'bob@example.com', 0, 1, '2024-01-06 11:15:30.250000'),
  (3, 'pbkdf2_sha256$x', NULL, 0, 'chloé', 'Chloé', 'Dubois; DROP', 'chloe@example.com', 0, 1,
   '2024-01-07 09:00:00.000000'),
  (4, 'pbkdf2_sha256$x', '2024-03-02 12:00:00.000000', 1, 'staff', 'Sam', 'Staff', 'staff@example.com', 1, 1,
   '2023-12-01 00:00:00.000000');

INSERT INTO student_courseenrollment (id, course_id, created, is_active, mode, user_id) VALUES
  (1, 'course-v1:MITx+6.002x+2024_T1', '2024-01-10 10:00:00.000000', 1, 'verified', 1),
  (2, 'course-v1:MITx+6.002x+2024_T1', '2024-01-11 10:00:00.000000', 1, 'audit', 2),
  (3, 'course-v1:MITx+6.002x+2024_T1', '2024-01-12 10:00:00.000000', 0, 'audit', 3),
  (4, 'course-v1:HarvardX+CS50+2024', '2024-01-13 10:00:00.000000', 1, 'honor', 1);
