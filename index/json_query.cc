#include "index/json_query.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <unordered_map>
#include <utility>
#include <vector>

#include "index/js_text.h"
#include "warc/text_util.h"

namespace warcrawl::index {
namespace {

struct Member;

// A parsed JSON value with what JavaScript makes of it.
struct Value {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject } kind = Kind::kNull;
  std::string text;  // kBool, kNumber, kString: its toString()
  std::vector<Value> items;
  // A vector of a type completed below: std::pair<std::string, Value> would need Value whole.
  std::vector<Member> members;  // in JavaScript's property order
};

struct Member {
  std::string key;
  Value value;
};

// JSON.parse's grammar; lone surrogate escapes become U+FFFD, as URLSearchParams makes them.
class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  // false for anything that is not one JSON text; *too_deep says why.
  bool Parse(Value* out, bool* too_deep) {
    bool ok = ParseValue(out, 0) && (SkipSpace(), pos_ == s_.size());
    *too_deep = too_deep_;
    return ok;
  }

 private:
  void SkipSpace() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) {
      ++pos_;
    }
  }

  bool Literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  bool ParseValue(Value* v, int depth) {
    if (depth > kMaxJsonQueryDepth) {
      too_deep_ = true;
      return false;
    }
    SkipSpace();
    if (pos_ >= s_.size()) return false;
    switch (s_[pos_]) {
      case '{':
        return ParseObject(v, depth);
      case '[':
        return ParseArray(v, depth);
      case '"':
        v->kind = Value::Kind::kString;
        return ParseString(&v->text);
      case 't':
        v->kind = Value::Kind::kBool, v->text = "true";
        return Literal("true");
      case 'f':
        v->kind = Value::Kind::kBool, v->text = "false";
        return Literal("false");
      case 'n':
        v->kind = Value::Kind::kNull;
        return Literal("null");
      default:
        v->kind = Value::Kind::kNumber;
        return ParseNumber(&v->text);
    }
  }

  size_t Digits() {
    size_t start = pos_;
    while (pos_ < s_.size() && warc::text::IsDigit(s_[pos_])) ++pos_;
    return pos_ - start;
  }

  bool ParseNumber(std::string* text) {
    const size_t start = pos_;
    if (pos_ < s_.size() && s_[pos_] == '-') ++pos_;
    if (pos_ < s_.size() && s_[pos_] == '0') {
      ++pos_;
    } else if (Digits() == 0) {
      return false;
    }
    if (pos_ < s_.size() && s_[pos_] == '.' && (++pos_, Digits() == 0)) return false;
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (Digits() == 0) return false;
    }
    // strtod rounds correctly and overflows to infinity, as JSON.parse does.
    const std::string token(s_.substr(start, pos_ - start));
    *text = js::NumberToString(std::strtod(token.c_str(), nullptr));
    return true;
  }

  bool Hex4(uint32_t* unit) {
    if (s_.size() - pos_ < 4) return false;
    *unit = 0;
    for (int k = 0; k < 4; ++k) {
      const int d = warc::text::HexDigitValue(s_[pos_++]);
      if (d < 0) return false;
      *unit = *unit * 16 + static_cast<uint32_t>(d);
    }
    return true;
  }

  bool ParseString(std::string* out) {
    ++pos_;  // the opening quote
    out->clear();
    while (pos_ < s_.size()) {
      const char c = s_[pos_++];
      if (c == '"') return true;
      if (static_cast<uint8_t>(c) < 0x20) return false;
      if (c != '\\') {
        out->push_back(c);
        continue;
      }
      if (pos_ >= s_.size()) return false;
      switch (s_[pos_++]) {
        case '"':
          out->push_back('"');
          break;
        case '\\':
          out->push_back('\\');
          break;
        case '/':
          out->push_back('/');
          break;
        case 'b':
          out->push_back('\b');
          break;
        case 'f':
          out->push_back('\f');
          break;
        case 'n':
          out->push_back('\n');
          break;
        case 'r':
          out->push_back('\r');
          break;
        case 't':
          out->push_back('\t');
          break;
        case 'u': {
          uint32_t unit = 0;
          if (!Hex4(&unit)) return false;
          uint32_t low = 0;
          if (unit >= 0xD800 && unit < 0xDC00 && s_.substr(pos_, 2) == "\\u") {
            const size_t back = pos_;
            pos_ += 2;
            if (!Hex4(&low)) return false;
            if (low >= 0xDC00 && low < 0xE000) {
              unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
            } else {
              pos_ = back;  // not a pair: the next escape stands alone
            }
          }
          const bool lone = unit >= 0xD800 && unit < 0xE000;
          warc::text::AppendUtf8(lone ? 0xFFFD : unit, out);
          break;
        }
        default:
          return false;
      }
    }
    return false;
  }

  bool ParseArray(Value* v, int depth) {
    v->kind = Value::Kind::kArray;
    ++pos_;
    SkipSpace();
    if (pos_ < s_.size() && s_[pos_] == ']') return ++pos_, true;
    for (;;) {
      v->items.emplace_back();
      if (!ParseValue(&v->items.back(), depth + 1)) return false;
      SkipSpace();
      if (pos_ >= s_.size()) return false;
      const char c = s_[pos_++];
      if (c == ']') return true;
      if (c != ',') return false;
    }
  }

  bool ParseObject(Value* v, int depth) {
    v->kind = Value::Kind::kObject;
    ++pos_;
    SkipSpace();
    if (pos_ < s_.size() && s_[pos_] == '}') return ++pos_, true;
    std::unordered_map<std::string, size_t> index;
    for (;;) {
      SkipSpace();
      std::string key;
      if (pos_ >= s_.size() || s_[pos_] != '"' || !ParseString(&key)) return false;
      SkipSpace();
      if (pos_ >= s_.size() || s_[pos_++] != ':') return false;
      Value member;
      if (!ParseValue(&member, depth + 1)) return false;
      auto [it, added] = index.emplace(key, v->members.size());
      if (added) {
        v->members.push_back(Member{std::move(key), std::move(member)});
      } else {
        v->members[it->second].value = std::move(member);
      }
      SkipSpace();
      if (pos_ >= s_.size()) return false;
      const char c = s_[pos_++];
      if (c == '}') break;
      if (c != ',') return false;
    }
    // Array-index keys ("0" to "4294967294", no leading zeros) come first, in number order.
    auto array_index = [](const std::string& k) -> std::optional<uint64_t> {
      if (k.empty() || k.size() > 10 || (k.size() > 1 && k[0] == '0')) return std::nullopt;
      if (!std::all_of(k.begin(), k.end(), warc::text::IsDigit)) return std::nullopt;
      const uint64_t n = std::stoull(k);
      return n < 4294967295u ? std::optional<uint64_t>(n) : std::nullopt;
    };
    std::stable_sort(v->members.begin(), v->members.end(), [&](const auto& a, const auto& b) {
      auto ia = array_index(a.key), ib = array_index(b.key);
      if (ia && ib) return *ia < *ib;
      return ia.has_value() && !ib.has_value();
    });
    return true;
  }

  std::string_view s_;
  size_t pos_ = 0;
  bool too_deep_ = false;
};

// Object.prototype's own properties: `name in {}` is true for them, so their counter is NaN.
constexpr std::array<std::string_view, 12> kInherited = {
    "constructor",      "__defineGetter__", "__defineSetter__", "hasOwnProperty",
    "__lookupGetter__", "__lookupSetter__", "isPrototypeOf",    "propertyIsEnumerable",
    "toString",         "valueOf",          "__proto__",        "toLocaleString"};

// warcio.js's name for a key: the key itself the first time, then "key.2_", "key.3_", ...
class Names {
 public:
  std::string For(const std::string& key, const js::SearchParams& params) {
    if (!params.Has(key)) return key;
    if (std::find(kInherited.begin(), kInherited.end(), key) != kInherited.end()) {
      return key + ".NaN_";
    }
    auto [it, added] = counters_.emplace(key, 1);
    return key + "." + std::to_string(++it->second) + "_";
  }

 private:
  std::unordered_map<std::string, int> counters_;
};

struct Params {
  js::SearchParams params;
  Names names;
  void Add(const std::string& key, const std::string& value) {
    params.Set(names.For(key, params), value);
  }
};

void Flatten(const Value& v, const std::string& key, Params* params) {
  switch (v.kind) {
    case Value::Kind::kObject:
      for (const auto& [k, member] : v.members) Flatten(member, k, params);
      return;
    case Value::Kind::kArray:
      for (const Value& item : v.items) Flatten(item, key, params);
      return;
    case Value::Kind::kNull:
      params->Add(key, "null");
      return;
    default:
      if (!v.text.empty()) params->Add(key, v.text);
      return;
  }
}

}  // namespace

std::optional<std::string> JsonToQuery(std::string_view text) {
  Value root;
  bool too_deep = false;
  if (!Parser(text).Parse(&root, &too_deep)) {
    if (too_deep) return std::nullopt;
    return std::string();
  }
  Params params;
  Flatten(root, "", &params);
  return params.params.ToString();
}

}  // namespace warcrawl::index
