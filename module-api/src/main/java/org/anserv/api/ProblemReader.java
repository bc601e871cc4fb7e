package org.anserv.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.anserv.api.event.ProblemAction;
import org.anserv.api.event.ProblemActivity;

/**
 * Reads {@link ProblemActivity} from an event. Browser checks name the problem only in their input names
 * ({@code input_<hash>_2_1=...} or, 2014-era, {@code input_i4x-Org-Course-problem-<hash>_2_1=...}).
 */
final class ProblemReader {

  // Greedy, so that block names containing "_<n>_<m>" keep all but the last pair; then the suffixes of checkbox and
  // formula inputs.
  private static final Pattern INPUT = Pattern.compile("^input_(.+)_\\d+_\\d+(?:_dynamath|_comment|\\[\\])?$");

  private ProblemReader() {
  }

  static Optional<ProblemActivity> read(Event event) {
    Optional<ProblemAction> action =
        ProblemAction.ofName(event.type()).or(() -> ProblemAction.ofName(event.nameOrNull()));
    if (action.isEmpty()) {
      return Optional.empty();
    }
    Payload payload = event.decodedPayload();
    Lenient fields = payload.fields();
    Optional<String> problemId = fields.text("problem_id", "problem", "module_id")
        .or(() -> payload.text().flatMap(ProblemReader::fromInputNames))
        .or(() -> payload.array().flatMap(array -> array.isEmpty() || !(array.getValue(0) instanceof String first)
            ? Optional.empty() : fromInputNames(first)))
        .or(event::usageKey);
    return Optional.of(new ProblemActivity(
        action.get(),
        problemId,
        correctness(fields),
        fields.number("grade", "weighted_earned"),
        fields.number("max_grade", "weighted_possible"),
        fields.int32("attempts")));
  }

  private static Optional<Boolean> correctness(Lenient fields) {
    Optional<String> success = fields.text("success");
    if (success.isPresent()) {
      return switch (success.get()) {
        case "correct" -> Optional.of(true);
        case "incorrect" -> Optional.of(false);
        default -> Optional.empty();
      };
    }
    return fields.bool("correctness");
  }

  static Optional<String> fromInputNames(String query) {
    int equals = query.indexOf('=');
    int amp = query.indexOf('&');
    int end = equals >= 0 && (amp < 0 || equals < amp) ? equals : amp >= 0 ? amp : query.length();
    Matcher matcher = INPUT.matcher(decode(query.substring(0, end)));
    if (!matcher.matches()) {
      return Optional.empty();
    }
    String id = matcher.group(1);
    String[] old = id.startsWith("i4x-") ? id.substring(4).split("-", 4) : new String[0];
    // Rebuild the old key form so that browser and server checks of one problem agree.
    return Optional.of(old.length == 4 ? "i4x://" + String.join("/", old) : id);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
