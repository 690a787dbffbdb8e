#include "crawler/config_section.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "crawler/config_loader.h"
#include "crawler/url_pattern.h"

namespace warcrawl::crawler {
namespace {

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                  std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// A number with an optional unit from `units` (case-insensitive); the unit's factor.
bool ParseWithUnit(std::string_view text,
                   const std::vector<std::pair<std::string_view, double>>& units,
                   double default_factor, double* value) {
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  size_t end = 0;
  while (end < text.size() &&
         (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '.')) {
    ++end;
  }
  if (end == 0) return false;
  double number = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + end, number);
  if (ec != std::errc() || ptr != text.data() + end) return false;
  std::string_view unit = text.substr(end);
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  double factor = default_factor;
  if (!unit.empty()) {
    auto it = std::find_if(units.begin(), units.end(), [&](const auto& u) {
      return u.first.size() == unit.size() &&
             std::equal(unit.begin(), unit.end(), u.first.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == y;
             });
    });
    if (it == units.end()) return false;
    factor = it->second;
  }
  *value = number * factor;
  return std::isfinite(*value) && *value >= 0 && *value < 1.8e19;
}

}  // namespace

bool ParseDuration(std::string_view text, Millis* out) {
  double ms = 0;
  if (!ParseWithUnit(text, {{"ms", 1}, {"s", 1e3}, {"m", 6e4}, {"h", 3.6e6}, {"d", 8.64e7}}, 1e3,
                     &ms)) {
    return false;
  }
  *out = Millis(static_cast<int64_t>(std::llround(ms)));
  return true;
}

bool ParseSize(std::string_view text, uint64_t* out) {
  double bytes = 0;
  if (!ParseWithUnit(text,
                     {{"b", 1},
                      {"kb", 1e3},
                      {"mb", 1e6},
                      {"gb", 1e9},
                      {"tb", 1e12},
                      {"kib", 1024.0},
                      {"mib", 1048576.0},
                      {"gib", 1073741824.0},
                      {"tib", 1099511627776.0},
                      {"k", 1e3},
                      {"m", 1e6},
                      {"g", 1e9}},
                     1, &bytes)) {
    return false;
  }
  *out = static_cast<uint64_t>(std::llround(bytes));
  return true;
}

Section::Section(std::string source, const YAML::Node& node, std::string prefix, Status problem)
    : source_(std::move(source)),
      node_(node),
      prefix_(std::move(prefix)),
      problem_(std::move(problem)) {}

YAML::Node Section::Get(std::string_view key) const {
  if (!node_.IsMap()) return YAML::Node();
  for (const auto& entry : node_) {
    if (entry.first.IsScalar() && entry.first.Scalar() == key) return entry.second;
  }
  return YAML::Node();
}

Status Section::ErrorAt(const YAML::Node& node, std::string_view key,
                        std::string_view message) const {
  int line = node.IsDefined() && node.Mark().line >= 0     ? node.Mark().line + 1
             : node_.IsDefined() && node_.Mark().line >= 0 ? node_.Mark().line + 1
                                                           : 1;
  return Status::InvalidArgument(source_ + ":" + std::to_string(line) + ": " + prefix_ +
                                 std::string(key) + ": " + std::string(message));
}

Status Section::Error(std::string_view key, std::string_view message) const {
  return ErrorAt(Get(key), key, message);
}

Status Section::Known(std::initializer_list<std::string_view> keys) const {
  if (!problem_.ok()) return problem_;
  if (!node_.IsDefined() || node_.IsNull()) return Status::OK();
  for (const auto& entry : node_) {
    std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "?";
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
    std::string_view best;
    size_t best_distance = 4;
    for (std::string_view known : keys) {
      size_t d = EditDistance(key, known);
      if (d < best_distance) best_distance = d, best = known;
    }
    std::string message = "unknown key";
    if (!best.empty()) message += " (did you mean \"" + std::string(best) + "\"?)";
    return ErrorAt(entry.first, key, message);
  }
  return Status::OK();
}

Status Section::Scalar(std::string_view key, std::string* text, bool* present) const {
  YAML::Node n = Get(key);
  *present = n.IsDefined() && !n.IsNull();
  if (!*present) return Status::OK();
  if (!n.IsScalar()) return ErrorAt(n, key, "expected a single value, not a list or map");
  *text = n.Scalar();
  return Status::OK();
}

Status Section::Str(std::string_view key, std::string* out) const {
  std::string text;
  bool present = false;
  Status s = Scalar(key, &text, &present);
  if (s.ok() && present) *out = text;
  return s;
}

Status Section::Bool(std::string_view key, bool* out) const {
  std::string text;
  bool present = false;
  Status s = Scalar(key, &text, &present);
  if (!s.ok() || !present) return s;
  if (text == "true" || text == "yes" || text == "on") {
    *out = true;
  } else if (text == "false" || text == "no" || text == "off") {
    *out = false;
  } else {
    return Error(key, "expected true or false, got '" + text + "'");
  }
  return Status::OK();
}

Status Section::Int64(std::string_view key, int64_t* out, int64_t lo, int64_t hi) const {
  std::string text;
  bool present = false;
  Status s = Scalar(key, &text, &present);
  if (!s.ok() || !present) return s;
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return Error(key, "expected a whole number, got '" + text + "'");
  }
  if (v < lo || v > hi) {
    return Error(
        key, std::to_string(v) + " is outside " + std::to_string(lo) + ".." + std::to_string(hi));
  }
  *out = v;
  return Status::OK();
}

Status Section::Int(std::string_view key, int* out, int lo, int hi) const {
  int64_t v = *out;
  Status s = Int64(key, &v, lo, hi);
  if (s.ok()) *out = static_cast<int>(v);
  return s;
}

Status Section::Number(std::string_view key, double* out, double lo, double hi) const {
  std::string text;
  bool present = false;
  Status s = Scalar(key, &text, &present);
  if (!s.ok() || !present) return s;
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < lo || v > hi) {
    return Error(key, "expected a number from " + std::to_string(lo) + " to " + std::to_string(hi) +
                          ", got '" + text + "'");
  }
  *out = v;
  return Status::OK();
}

Status Section::Duration(std::string_view key, Millis* out) const {
  std::string text;
  bool present = false;
  Status s = Scalar(key, &text, &present);
  if (!s.ok() || !present) return s;
  if (!ParseDuration(text, out)) {
    return Error(key, "expected a duration such as 3s, 500ms, 2m or 6h, got '" + text + "'");
  }
  return Status::OK();
}

Status Section::Size(std::string_view key, uint64_t* out) const {
  std::string text;
  bool present = false;
  Status s = Scalar(key, &text, &present);
  if (!s.ok() || !present) return s;
  if (!ParseSize(text, out)) {
    return Error(key, "expected a count or size such as 5000, 500MB or 1GiB, got '" + text + "'");
  }
  return Status::OK();
}

Status Section::OneOf(std::string_view key, std::initializer_list<std::string_view> allowed,
                      std::string* out) const {
  std::string text;
  bool present = false;
  Status s = Scalar(key, &text, &present);
  if (!s.ok() || !present) return s;
  if (std::find(allowed.begin(), allowed.end(), text) == allowed.end()) {
    std::string list;
    for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    return Error(key, "expected one of " + list + ", got '" + text + "'");
  }
  *out = text;
  return Status::OK();
}

Status Section::StrList(std::string_view key, std::vector<std::string>* out) const {
  YAML::Node n = Get(key);
  if (!n.IsDefined() || n.IsNull()) return Status::OK();
  out->clear();
  if (n.IsScalar()) {
    out->push_back(n.Scalar());
    return Status::OK();
  }
  if (!n.IsSequence()) return ErrorAt(n, key, "expected a value or a list of values");
  for (const auto& item : n) {
    if (!item.IsScalar()) return ErrorAt(item, key, "each entry must be a single value");
    out->push_back(item.Scalar());
  }
  return Status::OK();
}

Status Section::Regexes(std::string_view key, std::vector<std::string>* out) const {
  Status s = StrList(key, out);
  if (!s.ok()) return s;
  YAML::Node n = Get(key);
  for (size_t i = 0; i < out->size(); ++i) {
    UrlPattern compiled;
    if (Status bad = UrlPattern::Compile((*out)[i], &compiled); !bad.ok()) {
      YAML::Node item = n.IsSequence() ? n[i] : n;
      return ErrorAt(
          item, key,
          "'" + (*out)[i] + "' is not a valid regular expression (" + bad.message() + ")");
    }
  }
  return Status::OK();
}

Status Section::NamesFrom(std::string_view key, const std::vector<std::string>& names,
                          std::vector<std::string>* out) const {
  Status s = StrList(key, out);
  if (!s.ok()) return s;
  for (const std::string& name : *out) {
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      std::string list;
      for (const std::string& n : names) list.append(list.empty() ? "" : ", ").append(n);
      std::string message = "'" + name + "' is not one of ";
      message += list;
      return Error(key, message);
    }
  }
  return Status::OK();
}

Section Section::Child(std::string_view key) const {
  YAML::Node n = Get(key);
  std::string prefix = prefix_ + std::string(key) + ".";
  if (!problem_.ok()) return Section(source_, YAML::Node(), prefix, problem_);
  if (n.IsDefined() && !n.IsNull() && !n.IsMap()) {
    return Section(source_, YAML::Node(), prefix, ErrorAt(n, key, "expected a map of keys"));
  }
  return Section(source_, n, prefix);
}

}  // namespace warcrawl::crawler
