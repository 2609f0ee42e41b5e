// Result<T>: a value or an Error, returned at stage boundaries for what is
// fatal to one document or one grammar file. Input problems are values, never
// exceptions; exceptions from libraries are converted in the adapter that
// calls them. Tested by result_test.cc.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace finsam {

// A fatal problem with one input. `code` is stable and machine-readable
// (e.g. "pdf_encrypted", "grammar_syntax"); `message` is one line for people;
// `where` names the file (and "file:line:column" for grammar errors).
struct Error {
  std::string code;
  std::string message;
  std::string where;

  std::string ToString() const {
    std::string out = where.empty() ? "" : where + ": ";
    out += message;
    if (!code.empty()) out += " [" + code + "]";
    return out;
  }
};

template <class T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : data_(std::move(error)) {}      // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(data_); }
  explicit operator bool() const { return ok(); }

  const T& value() const& { return std::get<T>(data_); }
  T& value() & { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  const Error& error() const { return std::get<Error>(data_); }

 private:
  std::variant<T, Error> data_;
};

}  // namespace finsam
