// Shared by the fuzz targets: the engine (grammars and registry of this
// source tree, loaded once per process) and a text input turned into the
// normalized document the extractors read. Header-only so that every
// fuzz/*_fuzz.cc stays one executable (built by libFuzzer or, for the
// regression replay, by fuzz/replay_main.cc).
#pragma once

#include <cstdlib>
#include <cstdio>
#include <memory>
#include <optional>
#include <string_view>

#include "ingest/ingest.h"
#include "normalize/normalize.h"
#include "pipeline.h"

namespace finsam::fuzz {

// The engine over this tree's grammars; aborts when they do not load, since
// a fuzz run without them would test nothing.
inline const Engine& FuzzEngine() {
  static const std::unique_ptr<Engine> engine = [] {
    setenv("FINSAM_GRAMMARS", FINSAM_SOURCE_DIR "/grammars", 0);
    Result<std::unique_ptr<Engine>> loaded = Engine::Load({});
    if (!loaded.ok()) {
      std::fprintf(stderr, "fuzz: grammars do not load: %s\n", loaded.error().message.c_str());
      std::abort();
    }
    return std::move(loaded.value());
  }();
  return *engine;
}

// Options for fuzzing: few pages and no OCR (Tesseract on every random page
// would measure Tesseract, not us).
inline IngestOptions FuzzIngestOptions() {
  IngestOptions options;
  options.max_pages = 8;
  options.max_text_bytes = 1u << 20;
  options.ocr = OcrMode::kNever;
  return options;
}

// `bytes` read as a text file and normalized, or nullopt when ingest refuses it.
inline std::optional<Document> NormalizedText(std::string_view bytes) {
  Result<Document> raw = IngestText(bytes, FuzzIngestOptions());
  if (!raw.ok()) return std::nullopt;
  return NormalizeDocument(*raw);
}

// A fuzz target's invariant: a violated one is a finding like a crash.
inline void Check(bool holds, const char* what) {
  if (holds) return;
  std::fprintf(stderr, "fuzz invariant violated: %s\n", what);
  std::abort();
}

}  // namespace finsam::fuzz
