// Where a command writes its result: a file named by --output, or stdout.
#ifndef REPRINT_CLI_OUTPUT_FILE_H_
#define REPRINT_CLI_OUTPUT_FILE_H_

#include <fstream>
#include <iostream>
#include <string>

namespace reprint::cli {

class OutputFile {
 public:
  // `path` empty or "-" means stdout.
  explicit OutputFile(const std::string& path) : path_(path) {
    if (!path.empty() && path != "-") file_.open(path, std::ios::binary | std::ios::trunc);
  }
  bool ok() const { return path_.empty() || path_ == "-" || file_.is_open(); }
  std::ostream& stream() { return file_.is_open() ? file_ : std::cout; }
  // True if everything was written (checked once at the end).
  bool Finish() {
    stream().flush();
    return static_cast<bool>(stream());
  }

 private:
  std::string path_;
  std::ofstream file_;
};

}  // namespace reprint::cli

#endif  // REPRINT_CLI_OUTPUT_FILE_H_
