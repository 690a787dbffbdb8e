#include "crawler/html_charset.h"

#include <iconv.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>

#include "warc/text_util.h"

namespace warcrawl::crawler {
namespace {

namespace text = warc::text;

struct Encoding {
  std::string_view name;
  std::string_view labels;  // space separated
};

// The Encoding Standard's encodings we decode, with the labels pages use (a subset of its
// table; "iso-8859-1" and "us-ascii" are windows-1252 there).
constexpr Encoding kEncodings[] = {
    {"utf-8", "utf-8 utf8 unicode-1-1-utf-8 unicode11utf8 unicode20utf8 x-unicode20utf8"},
    {"windows-1252",
     "windows-1252 ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 "
     "iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii x-cp1252"},
    {"iso-8859-2", "iso-8859-2 iso8859-2 iso88592 iso_8859-2 latin2 l2 csisolatin2"},
    {"iso-8859-3", "iso-8859-3 iso8859-3 latin3 l3"},
    {"iso-8859-4", "iso-8859-4 iso8859-4 latin4 l4"},
    {"iso-8859-5", "iso-8859-5 iso8859-5 iso88595 cyrillic csisolatincyrillic"},
    {"iso-8859-6", "iso-8859-6 iso8859-6 arabic"},
    {"iso-8859-7", "iso-8859-7 iso8859-7 iso88597 greek greek8"},
    {"iso-8859-8", "iso-8859-8 iso8859-8 hebrew visual"},
    {"iso-8859-8-i", "iso-8859-8-i logical"},
    {"iso-8859-10", "iso-8859-10 iso8859-10 latin6 l6"},
    {"iso-8859-13", "iso-8859-13 iso8859-13"},
    {"iso-8859-14", "iso-8859-14 iso8859-14"},
    {"iso-8859-15", "iso-8859-15 iso8859-15 iso885915 iso_8859-15 latin9 l9"},
    {"iso-8859-16", "iso-8859-16"},
    {"koi8-r", "koi8-r koi8 koi cskoi8r koi8_r"},
    {"koi8-u", "koi8-u koi8-ru"},
    {"ibm866", "ibm866 866 cp866 csibm866"},
    {"macintosh", "macintosh mac csmacintosh x-mac-roman"},
    {"x-mac-cyrillic", "x-mac-cyrillic x-mac-ukrainian"},
    {"windows-874", "windows-874 dos-874 iso-8859-11 iso8859-11 tis-620"},
    {"windows-1250", "windows-1250 cp1250 x-cp1250"},
    {"windows-1251", "windows-1251 cp1251 x-cp1251"},
    {"windows-1253", "windows-1253 cp1253 x-cp1253"},
    {"windows-1254", "windows-1254 cp1254 x-cp1254 iso-8859-9 iso8859-9 iso88599 latin5 l5"},
    {"windows-1255", "windows-1255 cp1255 x-cp1255"},
    {"windows-1256", "windows-1256 cp1256 x-cp1256"},
    {"windows-1257", "windows-1257 cp1257 x-cp1257"},
    {"windows-1258", "windows-1258 cp1258 x-cp1258"},
    {"gbk", "gbk gb2312 gb_2312 gb_2312-80 chinese csgb2312 csiso58gb231280 iso-ir-58 x-gbk"},
    {"gb18030", "gb18030"},
    {"big5", "big5 big5-hkscs cn-big5 csbig5 x-x-big5"},
    {"euc-jp", "euc-jp cseucpkdfmtjapanese x-euc-jp"},
    {"iso-2022-jp", "iso-2022-jp csiso2022jp"},
    {"shift_jis", "shift_jis shift-jis sjis csshiftjis ms932 ms_kanji windows-31j x-sjis"},
    {"euc-kr",
     "euc-kr cseuckr csksc56011987 iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 ksc5601 "
     "ksc_5601 windows-949"},
    {"utf-16le", "utf-16le utf-16 unicode csunicode iso-10646-ucs-2 ucs-2 unicodefeff"},
    {"utf-16be", "utf-16be unicodefffe"},
};

// iconv's name for the decoder the Encoding Standard specifies, where glibc's same-named one
// is narrower (its Shift_JIS lacks the Windows extensions every page relies on, and so on).
const char* IconvName(std::string_view name) {
  if (name == "shift_jis") return "CP932";
  if (name == "euc-kr") return "CP949";
  if (name == "gbk") return "GB18030";
  if (name == "big5") return "BIG5-HKSCS";
  if (name == "iso-8859-8-i") return "ISO-8859-8";
  if (name == "x-mac-cyrillic") return "MAC-CYRILLIC";
  if (name == "windows-874") return "CP874";
  return nullptr;
}

// windows-1252 bytes 0x80-0x9F; the rest of the encoding is Latin-1.
constexpr uint16_t kWindows1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

struct IconvCloser {
  void operator()(void* cd) const { iconv_close(static_cast<iconv_t>(cd)); }
};
using IconvHandle = std::unique_ptr<void, IconvCloser>;

IconvHandle OpenIconv(const char* to, const char* from) {
  iconv_t cd = iconv_open(to, from);
  // iconv_open's documented failure value is (iconv_t)-1.
  if (cd == reinterpret_cast<iconv_t>(-1)) return nullptr;  // NOLINT(performance-no-int-to-ptr)
  return IconvHandle(cd);
}

bool IsHtmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

// Reads one UTF-8 sequence at *i. On a bad one, returns false having skipped its maximal
// valid prefix (at least one byte), which is where the Encoding Standard puts one U+FFFD.
bool NextUtf8(std::string_view s, size_t* i, uint32_t* cp) {
  auto b = static_cast<unsigned char>(s[(*i)++]);
  if (b < 0x80) {
    *cp = b;
    return true;
  }
  int need = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b >= 0xC2 && b <= 0xDF) {
    need = 1, *cp = b & 0x1F;
  } else if (b >= 0xE0 && b <= 0xEF) {
    need = 2, *cp = b & 0x0F, lo = (b == 0xE0) ? 0xA0 : 0x80, hi = (b == 0xED) ? 0x9F : 0xBF;
  } else if (b >= 0xF0 && b <= 0xF4) {
    need = 3, *cp = b & 0x07, lo = (b == 0xF0) ? 0x90 : 0x80, hi = (b == 0xF4) ? 0x8F : 0xBF;
  } else {
    return false;
  }
  for (; need > 0; --need, lo = 0x80, hi = 0xBF) {
    if (*i >= s.size()) return false;
    auto c = static_cast<unsigned char>(s[*i]);
    if (c < lo || c > hi) return false;
    *cp = (*cp << 6) | (c & 0x3F);
    ++*i;
  }
  return true;
}

// True when `html` has non-ASCII and all of it is UTF-8; a sequence cut by the end of the
// input counts as valid, since bodies are often truncated by a size cap.
bool LooksLikeUtf8(std::string_view html) {
  bool non_ascii = false;
  for (size_t i = 0; i < html.size();) {
    size_t start = i;
    uint32_t cp;
    if (!NextUtf8(html, &i, &cp)) {
      auto lead = static_cast<unsigned char>(html[start]);
      return i == html.size() && lead >= 0xC2 && lead <= 0xF4;
    }
    non_ascii = non_ascii || cp >= 0x80;
  }
  return non_ascii;
}

// The HTML Standard's "prescan a byte stream to determine its encoding", over a prefix.
class MetaPrescan {
 public:
  explicit MetaPrescan(std::string_view html) : s_(html.substr(0, kCharsetPrescanBytes)) {}
  std::string_view Run();

 private:
  bool At(std::string_view prefix) const;
  bool AtLetter(size_t offset) const;
  std::string_view ProcessMeta();
  bool GetAttribute(std::string* name, std::string* value);
  bool GetValue(std::string* value);

  std::string_view s_;
  size_t pos_ = 0;
};

bool MetaPrescan::At(std::string_view prefix) const {
  if (s_.size() - pos_ < prefix.size()) return false;
  for (size_t k = 0; k < prefix.size(); ++k) {
    if (text::LowerAscii(s_[pos_ + k]) != prefix[k]) return false;
  }
  return true;
}

bool MetaPrescan::AtLetter(size_t offset) const {
  return pos_ + offset < s_.size() && text::IsAlpha(s_[pos_ + offset]);
}

std::string_view MetaPrescan::Run() {
  while (pos_ < s_.size()) {
    if (At("<!--")) {
      size_t end = s_.find("-->", pos_ + 2);
      pos_ = (end == std::string_view::npos) ? s_.size() : end + 3;
      continue;
    }
    if (At("<meta") && pos_ + 5 < s_.size() && (IsHtmlSpace(s_[pos_ + 5]) || s_[pos_ + 5] == '/')) {
      pos_ += 5;
      if (std::string_view name = ProcessMeta(); !name.empty()) return name;
    } else if (At("<") && (AtLetter(1) || (At("</") && AtLetter(2)))) {
      while (pos_ < s_.size() && !IsHtmlSpace(s_[pos_]) && s_[pos_] != '>') ++pos_;
      std::string name, value;
      while (GetAttribute(&name, &value)) {
      }
    } else if (At("<!") || At("</") || At("<?")) {
      pos_ = s_.find('>', pos_);
      if (pos_ == std::string_view::npos) return "";
    }
    ++pos_;
  }
  return "";
}

// "The algorithm for extracting a character encoding from a meta element" (on a value the
// prescan already lowercased).
std::string_view CharsetFromContent(std::string_view s) {
  size_t pos = 0;
  while (true) {
    pos = s.find("charset", pos);
    if (pos == std::string_view::npos) return "";
    pos += 7;
    while (pos < s.size() && IsHtmlSpace(s[pos])) ++pos;
    if (pos < s.size() && s[pos] == '=') break;
  }
  ++pos;
  while (pos < s.size() && IsHtmlSpace(s[pos])) ++pos;
  if (pos == s.size()) return "";
  if (s[pos] == '"' || s[pos] == '\'') {
    size_t end = s.find(s[pos], pos + 1);
    if (end == std::string_view::npos) return "";
    return CharsetForLabel(s.substr(pos + 1, end - pos - 1));
  }
  size_t end = pos;
  while (end < s.size() && !IsHtmlSpace(s[end]) && s[end] != ';') ++end;
  return CharsetForLabel(s.substr(pos, end - pos));
}

std::string_view MetaPrescan::ProcessMeta() {
  bool got_pragma = false, charset_set = false;
  std::optional<bool> need_pragma;
  std::string_view charset;
  std::string seen = " ", name, value;
  while (GetAttribute(&name, &value)) {
    if (seen.find(" " + name + " ") != std::string::npos) continue;
    seen += name + " ";
    if (name == "http-equiv") {
      got_pragma = got_pragma || value == "content-type";
    } else if (name == "content" && !charset_set) {
      charset = CharsetFromContent(value);
      if (!charset.empty()) need_pragma = true, charset_set = true;
    } else if (name == "charset") {
      charset = CharsetForLabel(value);
      need_pragma = false, charset_set = true;
    }
  }
  if (!need_pragma || (*need_pragma && !got_pragma) || charset.empty()) return "";
  // A document that can be prescanned is ASCII-compatible, so its meta cannot mean UTF-16.
  if (charset == "utf-16le" || charset == "utf-16be") return "utf-8";
  return charset;
}

// "Get an attribute": false when the tag ends (at '>') or the input does.
bool MetaPrescan::GetAttribute(std::string* name, std::string* value) {
  name->clear();
  value->clear();
  while (pos_ < s_.size() && (IsHtmlSpace(s_[pos_]) || s_[pos_] == '/')) ++pos_;
  if (pos_ >= s_.size() || s_[pos_] == '>') return false;
  while (pos_ < s_.size()) {
    char c = s_[pos_];
    if (c == '=' && !name->empty()) {
      ++pos_;
      return GetValue(value);
    }
    if (IsHtmlSpace(c)) {
      while (pos_ < s_.size() && IsHtmlSpace(s_[pos_])) ++pos_;
      if (pos_ < s_.size() && s_[pos_] != '=') return true;
      if (pos_ >= s_.size()) return false;
      ++pos_;
      return GetValue(value);
    }
    if (c == '/' || c == '>') return true;
    name->push_back(text::LowerAscii(c));
    ++pos_;
  }
  return false;
}

bool MetaPrescan::GetValue(std::string* value) {
  while (pos_ < s_.size() && IsHtmlSpace(s_[pos_])) ++pos_;
  if (pos_ >= s_.size()) return false;
  char quote = s_[pos_];
  if (quote == '"' || quote == '\'') {
    size_t end = s_.find(quote, pos_ + 1);
    if (end == std::string_view::npos) return false;
    for (size_t k = pos_ + 1; k < end; ++k) value->push_back(text::LowerAscii(s_[k]));
    pos_ = end + 1;
    return true;
  }
  while (pos_ < s_.size() && !IsHtmlSpace(s_[pos_]) && s_[pos_] != '>') {
    value->push_back(text::LowerAscii(s_[pos_++]));
  }
  return pos_ < s_.size();
}

void AppendReplacingNul(std::string_view chunk, std::string* out) {
  for (char c : chunk) {
    if (c == '\0') {
      out->append(kReplacement);
    } else {
      out->push_back(c);
    }
  }
}

// Whether the 8 bytes at `p` are ASCII without NUL.
bool IsPlainAsciiWord(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, sizeof w);
  constexpr uint64_t kOnes = 0x0101010101010101, kHighs = 0x8080808080808080;
  return ((w | ((w - kOnes) & ~w)) & kHighs) == 0;  // no high bit, no zero byte
}

void DecodeUtf8(std::string_view in, std::string* out) {
  // Valid runs are copied whole: a page is mostly ASCII, and nearly always valid.
  size_t run = 0;  // start of the valid bytes not yet copied
  for (size_t i = 0; i < in.size();) {
    if (i + 8 <= in.size() && IsPlainAsciiWord(in.data() + i)) {
      i += 8;
      continue;
    }
    size_t start = i;
    uint32_t cp;
    if (!NextUtf8(in, &i, &cp) || cp == 0) {
      out->append(in.substr(run, start - run)).append(kReplacement);
      run = i;
    }
  }
  out->append(in.substr(run));
}

void DecodeWindows1252(std::string_view in, std::string* out) {
  for (char c : in) {
    auto b = static_cast<unsigned char>(c);
    if (b == 0) {
      out->append(kReplacement);
    } else if (b >= 0x80 && b < 0xA0) {
      warc::text::AppendUtf8(kWindows1252High[b - 0x80], out);
    } else {
      warc::text::AppendUtf8(b, out);
    }
  }
}

Status DecodeWithIconv(std::string_view in, std::string_view name, std::string* out) {
  const char* iconv_name = IconvName(name);
  std::string from = iconv_name ? iconv_name : std::string(name);
  IconvHandle cd = OpenIconv("UTF-8", from.c_str());
  if (!cd) return Status::NotSupported("iconv cannot decode " + std::string(name));
  char* src = const_cast<char*>(in.data());
  size_t left = in.size();
  char buf[8192];
  while (true) {
    char* dst = buf;
    size_t room = sizeof buf;
    size_t rc = iconv(cd.get(), left > 0 ? &src : nullptr, &left, &dst, &room);
    int err = errno;
    AppendReplacingNul(std::string_view(buf, dst - buf), out);
    if (rc != static_cast<size_t>(-1)) {
      if (left == 0) break;
    } else if (err == EILSEQ) {
      out->append(kReplacement);
      ++src, --left;
    } else if (err != E2BIG) {  // EINVAL: the input ends inside a sequence
      out->append(kReplacement);
      left = 0;
    }
  }
  return Status::OK();
}

void PercentEncodeInto(std::string_view bytes, std::string* out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char c : bytes) {
    auto b = static_cast<unsigned char>(c);
    // The URL Standard's special-query set, plus '%' so a stray byte cannot forge an escape.
    if (b < 0x21 || b > 0x7E || std::string_view("\"#<>'%").find(c) != std::string_view::npos) {
      out->push_back('%');
      out->push_back(kHex[b >> 4]);
      out->push_back(kHex[b & 0xF]);
    } else {
      out->push_back(c);
    }
  }
}

// Emits the sequence that returns a stateful encoder (ISO-2022-JP) to ASCII.
void ResetEncoder(iconv_t cd, std::string* out) {
  char buf[16];
  char* dst = buf;
  size_t room = sizeof buf;
  iconv(cd, nullptr, nullptr, &dst, &room);
  PercentEncodeInto(std::string_view(buf, dst - buf), out);
}

}  // namespace

std::string_view CharsetForLabel(std::string_view label) {
  while (!label.empty() && IsHtmlSpace(label.front())) label.remove_prefix(1);
  while (!label.empty() && IsHtmlSpace(label.back())) label.remove_suffix(1);
  std::string lower(label);
  for (char& c : lower) c = text::LowerAscii(c);
  if (lower.empty() || lower.find(' ') != std::string::npos) return "";
  for (const Encoding& encoding : kEncodings) {
    std::string_view labels = encoding.labels;
    for (size_t at = labels.find(lower); at != std::string_view::npos;
         at = labels.find(lower, at + 1)) {
      size_t end = at + lower.size();
      if ((at == 0 || labels[at - 1] == ' ') && (end == labels.size() || labels[end] == ' ')) {
        return encoding.name;
      }
    }
  }
  return "";
}

std::string_view SniffHtmlCharset(std::string_view html, std::string_view http_charset) {
  if (html.substr(0, 3) == "\xEF\xBB\xBF") return "utf-8";
  if (html.substr(0, 2) == "\xFE\xFF") return "utf-16be";
  if (html.substr(0, 2) == "\xFF\xFE") return "utf-16le";
  if (std::string_view name = CharsetForLabel(http_charset); !name.empty()) return name;
  if (std::string_view name = MetaPrescan(html).Run(); !name.empty()) return name;
  return LooksLikeUtf8(html) ? "utf-8" : "windows-1252";
}

Status DecodeHtmlToUtf8(std::string_view html, std::string_view charset, std::string* utf8) {
  utf8->clear();
  if (charset == "utf-8" && html.substr(0, 3) == "\xEF\xBB\xBF") html.remove_prefix(3);
  if ((charset == "utf-16le" && html.substr(0, 2) == "\xFF\xFE") ||
      (charset == "utf-16be" && html.substr(0, 2) == "\xFE\xFF")) {
    html.remove_prefix(2);
  }
  utf8->reserve(html.size() + html.size() / 8);
  if (charset == "utf-8") {
    DecodeUtf8(html, utf8);
  } else if (charset == "windows-1252") {
    DecodeWindows1252(html, utf8);
  } else {
    return DecodeWithIconv(html, charset, utf8);
  }
  return Status::OK();
}

std::string EncodeQueryInCharset(std::string_view utf8_query, std::string_view charset) {
  if (charset == "utf-8" || charset == "utf-16le" || charset == "utf-16be" ||
      text::IsAscii(utf8_query)) {
    return std::string(utf8_query);
  }
  const char* iconv_name = IconvName(charset);
  std::string to = iconv_name ? iconv_name : std::string(charset);
  IconvHandle cd = OpenIconv(to.c_str(), "UTF-8");
  if (!cd) return std::string(utf8_query);
  std::string out;
  for (size_t i = 0; i < utf8_query.size();) {
    size_t start = i;
    uint32_t cp = 0;
    bool valid = NextUtf8(utf8_query, &i, &cp);
    if (valid && cp < 0x80) {
      ResetEncoder(cd.get(), &out);
      out.push_back(static_cast<char>(cp));
      continue;
    }
    std::string one =
        valid ? std::string(utf8_query.substr(start, i - start)) : std::string(kReplacement);
    char* src = one.data();
    size_t left = one.size();
    char buf[32];
    char* dst = buf;
    size_t room = sizeof buf;
    if (iconv(cd.get(), &src, &left, &dst, &room) == static_cast<size_t>(-1)) {
      ResetEncoder(cd.get(), &out);
      out += "%26%23" + std::to_string(valid ? cp : 0xFFFD) + "%3B";
    } else {
      PercentEncodeInto(std::string_view(buf, dst - buf), &out);
    }
  }
  ResetEncoder(cd.get(), &out);
  return out;
}

}  // namespace warcrawl::crawler
