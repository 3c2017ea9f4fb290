#include "cli/scan_flags.h"

#include <cstdio>
#include <map>
#include <string>
#include <type_traits>
#include <variant>

#include "absl/strings/str_cat.h"
#include "reprint/option_registry.h"

namespace reprint::cli {

void ScanFlags::Finish() {
  if (explicit_lsh.num_bands != 0 || explicit_lsh.rows_per_band != 0) options.lsh = explicit_lsh;
}

ReadOptions ScanFlags::Reading() const {
  ReadOptions reading;
  reading.threads = options.threads;
  reading.max_article_bytes = max_article_mb << 20;
  // Checked when parsed (AddScanFlags), so it is valid here.
  if (!timezone.empty()) reading.default_utc_offset_seconds = *ParseUtcOffset(timezone);
  return reading;
}

std::vector<std::string> ScanFlags::ExplicitlySet() const {
  std::vector<std::string> names;
  for (const auto& [name, option] : registered) {
    if (option->count() > 0) names.push_back(name);
  }
  return names;
}

void AddScanFlags(CLI::App* command, ScanFlags* flags) {
  ScanOptions& o = flags->options;
  int no_window = 0;  // `add` registers --window itself (cli/archive_command.cc)
  const OptionTarget target{&o, &flags->explicit_lsh, &no_window};
  for (const OptionSpec& spec : OptionSpecs()) {
    if (spec.help.empty()) continue;
    const std::string name(spec.name);
    const std::string help(spec.help);
    CLI::Option* option = std::visit(
        [&](auto* value) -> CLI::Option* {
          using T = std::remove_pointer_t<decltype(value)>;
          if constexpr (std::is_same_v<T, bool>) {
            // An option on by default is turned off with --no-NAME.
            return *value ? command->add_flag(absl::StrCat("--", name, "{true},--no-", name, "{false}"),
                                              *value, help)
                          : command->add_flag("--" + name, *value, help);
          } else if constexpr (std::is_same_v<T, SketchMethod>) {
            std::map<std::string, SketchMethod> methods;
            for (SketchMethod m : {SketchMethod::kOnePermutation, SketchMethod::kPermutations}) {
              methods.emplace(std::string(SketchMethodName(m)), m);
            }
            return command->add_option("--" + name, *value, help)
                ->transform(CLI::CheckedTransformer(methods))
                ->default_str(std::string(SketchMethodName(*value)));
          } else {
            CLI::Option* added = command->add_option("--" + name, *value, help);
            // Banding given only to override the choice: no default to show.
            if (!spec.recorded_when_set) added->capture_default_str();
            if (spec.minimum == 0) added->check(CLI::NonNegativeNumber);
            return added;
          }
        },
        spec.field(target));
    flags->registered.emplace_back(name, option);
  }
  command->add_option("--threads", o.threads, "Worker threads (0 = all cores)")->capture_default_str();
  command->add_option("--timezone", flags->timezone,
                      "The zone of publication times without one: UTC (the default) or an offset such "
                      "as +05:00")
      ->check([](const std::string& text) {
        const absl::StatusOr<int64_t> offset = ParseUtcOffset(text);
        return offset.ok() ? std::string() : std::string(offset.status().message());
      });
  command->add_option("--max-article-mb", flags->max_article_mb,
                      "Skip (with a message) any article larger than this many megabytes")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
}

void PrintDiagnostics(const Corpus& corpus, int limit) {
  int printed = 0;
  for (const Diagnostic& d : corpus.diagnostics) {
    if (printed++ == limit) {
      std::fprintf(stderr, "reprint: %zu more messages not shown (raise --max-messages)\n",
                   corpus.diagnostics.size() - static_cast<size_t>(limit));
      break;
    }
    std::fprintf(stderr, "%s\n", d.ToString().c_str());
  }
}

}  // namespace reprint::cli
