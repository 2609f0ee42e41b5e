// File helpers shared by the end-to-end tests.
#pragma once

#include <filesystem>
#include <string>

namespace finsam {

// True in the ASan build, where address-space caps and timings differ.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kAddressSanitizer = true;
#else
inline constexpr bool kAddressSanitizer = false;
#endif

// The whole file as bytes ("" when it cannot be read).
std::string ReadAll(const std::filesystem::path& path);

// An empty directory for the running test, named after it and the process
// (two test binaries running at once must not share it).
std::filesystem::path FreshTestDir(const std::string& prefix);

}  // namespace finsam
