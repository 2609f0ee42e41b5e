// File helpers shared by the end-to-end tests.
#pragma once

#include <filesystem>
#include <string>

namespace finsam {

// The whole file as bytes ("" when it cannot be read).
std::string ReadAll(const std::filesystem::path& path);

// An empty directory for the running test, named after it.
std::filesystem::path FreshTestDir(const std::string& prefix);

}  // namespace finsam
