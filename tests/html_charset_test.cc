#include "crawler/html_charset.h"

#include <gtest/gtest.h>

#include <string>

namespace warcrawl::crawler {
namespace {

using namespace std::string_literals;

std::string Decode(std::string_view html, std::string_view charset) {
  std::string utf8;
  Status s = DecodeHtmlToUtf8(html, charset, &utf8);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return utf8;
}

TEST(CharsetLabelTest, EncodingStandardLabels) {
  EXPECT_EQ(CharsetForLabel("UTF-8"), "utf-8");
  EXPECT_EQ(CharsetForLabel("  utf8\t"), "utf-8");
  EXPECT_EQ(CharsetForLabel("ISO-8859-1"), "windows-1252");
  EXPECT_EQ(CharsetForLabel("us-ascii"), "windows-1252");
  EXPECT_EQ(CharsetForLabel("Shift_JIS"), "shift_jis");
  EXPECT_EQ(CharsetForLabel("x-sjis"), "shift_jis");
  EXPECT_EQ(CharsetForLabel("gb2312"), "gbk");
  EXPECT_EQ(CharsetForLabel("latin5"), "windows-1254");
  EXPECT_EQ(CharsetForLabel("utf-16"), "utf-16le");
}

TEST(CharsetLabelTest, UnknownAndRefusedLabels) {
  EXPECT_EQ(CharsetForLabel(""), "");
  EXPECT_EQ(CharsetForLabel("klingon"), "");
  EXPECT_EQ(CharsetForLabel("utf-7"), "");  // never decoded by browsers: an XSS vector
  EXPECT_EQ(CharsetForLabel("x-user-defined"), "");
  EXPECT_EQ(CharsetForLabel("utf-8x"), "");
}

TEST(CharsetLabelTest, SystemIconvDecodesEveryName) {
  for (const char* name : {"iso-8859-2",   "iso-8859-3",     "iso-8859-4",   "iso-8859-5",
                           "iso-8859-6",   "iso-8859-7",     "iso-8859-8",   "iso-8859-8-i",
                           "iso-8859-10",  "iso-8859-13",    "iso-8859-14",  "iso-8859-15",
                           "iso-8859-16",  "koi8-r",         "koi8-u",       "ibm866",
                           "macintosh",    "x-mac-cyrillic", "windows-874",  "windows-1250",
                           "windows-1251", "windows-1253",   "windows-1254", "windows-1255",
                           "windows-1256", "windows-1257",   "windows-1258", "gbk",
                           "gb18030",      "big5",           "euc-jp",       "iso-2022-jp",
                           "shift_jis",    "euc-kr",         "utf-16le",     "utf-16be"}) {
    ASSERT_EQ(CharsetForLabel(name), name);
    std::string utf8;
    EXPECT_TRUE(DecodeHtmlToUtf8("", name, &utf8).ok()) << name;
  }
}

TEST(SniffHtmlCharsetTest, BomWinsOverEverything) {
  EXPECT_EQ(SniffHtmlCharset("\xEF\xBB\xBF<meta charset=shift_jis>", "iso-8859-2"), "utf-8");
  EXPECT_EQ(SniffHtmlCharset("\xFF\xFE<\0"s, "utf-8"), "utf-16le");
  EXPECT_EQ(SniffHtmlCharset("\xFE\xFF\0<"s, ""), "utf-16be");
}

TEST(SniffHtmlCharsetTest, TransportBeatsMeta) {
  EXPECT_EQ(SniffHtmlCharset("<meta charset=shift_jis>", "EUC-JP"), "euc-jp");
  EXPECT_EQ(SniffHtmlCharset("<meta charset=shift_jis>", "bogus"), "shift_jis");
}

TEST(SniffHtmlCharsetTest, MetaForms) {
  EXPECT_EQ(SniffHtmlCharset("<META CHARSET=\"Shift_JIS\">", ""), "shift_jis");
  EXPECT_EQ(SniffHtmlCharset("<meta charset='euc-kr'/>", ""), "euc-kr");
  EXPECT_EQ(SniffHtmlCharset("<meta http-equiv=\"Content-Type\" "
                             "content=\"text/html; charset=ISO-8859-1\">",
                             ""),
            "windows-1252");
  EXPECT_EQ(SniffHtmlCharset("<meta content='text/html;charset = \"koi8-r\"' "
                             "http-equiv=content-type>",
                             ""),
            "koi8-r");
  // A meta declaring UTF-16 in an ASCII-compatible document means UTF-8.
  EXPECT_EQ(SniffHtmlCharset("<meta charset=utf-16>", ""), "utf-8");
}

TEST(SniffHtmlCharsetTest, MetaThatDoesNotCount) {
  // content= without http-equiv=content-type, an unknown label, and commented-out metas.
  EXPECT_EQ(SniffHtmlCharset("<meta content='text/html; charset=koi8-r'>", ""), "windows-1252");
  EXPECT_EQ(SniffHtmlCharset("<meta charset=bogus>", ""), "windows-1252");
  EXPECT_EQ(SniffHtmlCharset("<!-- <meta charset=koi8-r> --><p>", ""), "windows-1252");
  // A meta inside another tag's attribute value is not a tag.
  EXPECT_EQ(SniffHtmlCharset("<div title='<meta charset=koi8-r>'>", ""), "windows-1252");
  // Beyond the prescan window.
  std::string late = std::string(kCharsetPrescanBytes, ' ') + "<meta charset=koi8-r>";
  EXPECT_EQ(SniffHtmlCharset(late, ""), "windows-1252");
}

TEST(SniffHtmlCharsetTest, MetaAfterLongHeadScriptStillCounts) {
  std::string html = "<head><script>" + std::string(3000, 'x') + "</script><meta charset=gbk>";
  EXPECT_EQ(SniffHtmlCharset(html, ""), "gbk");
}

TEST(SniffHtmlCharsetTest, UndeclaredDocuments) {
  EXPECT_EQ(SniffHtmlCharset("<p>caf\xC3\xA9</p>", ""), "utf-8");
  EXPECT_EQ(SniffHtmlCharset("<p>caf\xE9</p>", ""), "windows-1252");
  EXPECT_EQ(SniffHtmlCharset("<p>plain ascii</p>", ""), "windows-1252");
  // An overlong form and a surrogate are not UTF-8.
  EXPECT_EQ(SniffHtmlCharset("<p>\xC0\xAF</p>", ""), "windows-1252");
  EXPECT_EQ(SniffHtmlCharset("<p>\xED\xA0\x80</p>", ""), "windows-1252");
  // A sequence cut by the end of a truncated body is still UTF-8.
  EXPECT_EQ(SniffHtmlCharset("<p>caf\xC3\xA9 \xE6\x97", ""), "utf-8");
  EXPECT_EQ(SniffHtmlCharset("<p>caf\xC3\xA9 \xBF", ""), "windows-1252");
}

TEST(DecodeHtmlTest, Utf8DropsBomAndReplacesBadBytesAndNul) {
  EXPECT_EQ(Decode("\xEF\xBB\xBF<p>\xC3\xA9", "utf-8"), "<p>\xC3\xA9");
  EXPECT_EQ(Decode("a\xFF"
                   "b\xE6\x97"
                   "c",
                   "utf-8"),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD"
            "c");
  EXPECT_EQ(Decode("a\0b"s, "utf-8"),
            "a\xEF\xBF\xBD"
            "b");
}

TEST(DecodeHtmlTest, Utf8BadBytesInsideLongAsciiRunsAtEveryOffset) {
  // ASCII is copied in runs: a bad byte, a NUL or a character cut by the end is found
  // wherever it sits in (or across) those runs.
  const std::string ascii = "<p class=\"x\">abcdefghijklmnopqrstuvwxyz0123456789</p>";
  for (size_t at = 0; at <= ascii.size(); ++at) {
    std::string before = ascii.substr(0, at), after = ascii.substr(at);
    EXPECT_EQ(Decode(before + "\xFF" + after, "utf-8"), before + "\xEF\xBF\xBD" + after) << at;
    EXPECT_EQ(Decode(before + "\0"s + after, "utf-8"), before + "\xEF\xBF\xBD" + after) << at;
    EXPECT_EQ(Decode(before + "\xE2\x82\xAC" + after, "utf-8"), before + "\xE2\x82\xAC" + after)
        << at;
    EXPECT_EQ(Decode(before + "\xE2\x82", "utf-8"), before + "\xEF\xBF\xBD") << at;
  }
}

TEST(DecodeHtmlTest, Windows1252UsesTheWhatwgTable) {
  EXPECT_EQ(Decode("\x80\xE9\x9F\x81", "windows-1252"),
            "\xE2\x82\xAC\xC3\xA9\xC5\xB8\xC2\x81");  // € é Ÿ U+0081
  EXPECT_EQ(Decode("a\0"s, "windows-1252"), "a\xEF\xBF\xBD");
}

TEST(DecodeHtmlTest, IconvEncodings) {
  EXPECT_EQ(Decode("\x93\xfa\x96\x7b", "shift_jis"), "\xE6\x97\xA5\xE6\x9C\xAC");  // 日本
  EXPECT_EQ(Decode("\x87\x40", "shift_jis"), "\xE2\x91\xA0");  // ① (a Windows-31J extension)
  EXPECT_EQ(Decode("\xFF\xFE<\0p\0>\0"s, "utf-16le"), "<p>");
  EXPECT_EQ(Decode("\xC1\xF3", "koi8-r"), "\xD0\xB0\xD0\xA1");  // аС
}

TEST(DecodeHtmlTest, IconvBadSequencesBecomeReplacement) {
  EXPECT_EQ(Decode("a\xA1"
                   "b",
                   "euc-jp"),
            "a\xEF\xBF\xBD"
            "b");  // lead byte, no trail
  EXPECT_EQ(Decode("a\xFF\xFF"
                   "b",
                   "euc-jp"),
            "a\xEF\xBF\xBD\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(Decode("a\x93", "shift_jis"), "a\xEF\xBF\xBD");  // cut lead byte at the end
  EXPECT_EQ(Decode("a\0b"s, "shift_jis"),
            "a\xEF\xBF\xBD"
            "b");
}

TEST(EncodeQueryTest, Utf8DocumentsKeepUtf8) {
  EXPECT_EQ(EncodeQueryInCharset("q=caf\xC3\xA9", "utf-8"), "q=caf\xC3\xA9");
  EXPECT_EQ(EncodeQueryInCharset("q=caf\xC3\xA9", "utf-16le"), "q=caf\xC3\xA9");
}

TEST(EncodeQueryTest, LegacyEncodings) {
  EXPECT_EQ(EncodeQueryInCharset("q=caf\xC3\xA9&x=1", "windows-1252"), "q=caf%E9&x=1");
  EXPECT_EQ(EncodeQueryInCharset("q=\xE2\x82\xAC", "windows-1252"), "q=%80");
  EXPECT_EQ(EncodeQueryInCharset("q=\xE6\x97\xA5\xE6\x9C\xAC", "shift_jis"), "q=%93%FA%96{");
  EXPECT_EQ(EncodeQueryInCharset("q=\xE6\x97\xA5", "euc-jp"), "q=%C6%FC");
}

TEST(EncodeQueryTest, UnmappableBecomesNumericReference) {
  EXPECT_EQ(EncodeQueryInCharset("q=\xE6\x97\xA5", "windows-1252"), "q=%26%2326085%3B");
}

TEST(EncodeQueryTest, StatefulEncodingReturnsToAscii) {
  EXPECT_EQ(EncodeQueryInCharset("q=\xE6\x97\xA5\xE6\x9C\xAC&r=1", "iso-2022-jp"),
            "q=%1B$BF|K\\%1B(B&r=1");
}

}  // namespace
}  // namespace warcrawl::crawler
