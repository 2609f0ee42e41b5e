// Stage 7 — emit: the record-v1 JSON contract (schema/record-v1.schema.json).
// Tested by record_json_test.cc and, for every corpus record, against the
// schema in corpus_test.cc.
#pragma once

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "record/record.h"

namespace finsam {

inline constexpr const char* kRecordSchema = "finsam-record/1";

nlohmann::ordered_json RecordToJson(const Record& record);

// The record for a file that could not be read.
nlohmann::ordered_json ErrorToJson(const Error& error, const std::string& file, const std::string& sha256);

}  // namespace finsam
