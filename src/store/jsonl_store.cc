// The file sink (`ingest --jsonl FILE`): the records as `extract` prints
// them, one JSON line each, appended and flushed per input file. It keeps no
// index, so it answers Contains() with false and resuming relies on the
// database sink beside it; after a kill it may repeat one file's lines
// (at-least-once), the database stays exactly-once. Tested by
// tests/ingest_test.cc.
#include <fstream>

#include "emit/record_json.h"
#include "store/store.h"

namespace finsam {
namespace {

class JsonlStore : public RecordStore {
 public:
  JsonlStore(std::ofstream out, std::string path) : out_(std::move(out)), path_(std::move(path)) {}

  Result<bool> Contains(const std::string&) override { return false; }

  Result<bool> Write(const FileOutcome& outcome) override {
    if (outcome.failed()) {
      // Codes are snake_case; a reason with a detail after ':' keeps only the code.
      std::string code = outcome.reason.substr(0, outcome.reason.find(':'));
      Error error{code, outcome.message.empty() ? outcome.reason : outcome.message, outcome.path};
      out_ << ErrorToJson(error, outcome.path, outcome.sha256).dump() << "\n";
    }
    for (const auto& record : outcome.records) out_ << record.dump() << "\n";
    out_.flush();
    if (!out_) return Error{"jsonl_write", "cannot write", path_};
    return true;
  }

 private:
  std::ofstream out_;
  std::string path_;
};

}  // namespace

Result<std::unique_ptr<RecordStore>> OpenJsonlStore(const std::string& path) {
  std::ofstream out(path, std::ios::app | std::ios::binary);
  if (!out) return Error{"jsonl_open", "cannot open for writing", path};
  return std::unique_ptr<RecordStore>(std::make_unique<JsonlStore>(std::move(out), path));
}

}  // namespace finsam
