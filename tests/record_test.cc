#include "warc/record.h"

#include <gtest/gtest.h>

namespace warcrawl::warc {
namespace {

TEST(RecordTypeTest, NamesRoundTrip) {
  for (auto t : {RecordType::kWarcinfo, RecordType::kResponse, RecordType::kResource,
                 RecordType::kRequest, RecordType::kMetadata, RecordType::kRevisit,
                 RecordType::kConversion, RecordType::kContinuation}) {
    EXPECT_EQ(ParseRecordType(RecordTypeName(t)), t);
  }
  EXPECT_EQ(ParseRecordType("Response"), RecordType::kResponse);
  EXPECT_EQ(ParseRecordType("bogus"), RecordType::kUnknown);
}

TEST(HeaderFieldsTest, LookupIgnoresCaseAndKeepsOrder) {
  HeaderFields f;
  f.Add("WARC-Type", "response");
  f.Add("WARC-Concurrent-To", "<urn:uuid:a>");
  f.Add("warc-concurrent-to", "<urn:uuid:b>");
  EXPECT_EQ(f.Get("warc-type"), "response");
  EXPECT_EQ(f.Count("WARC-Concurrent-To"), 2u);
  ASSERT_EQ(f.GetAll("WARC-CONCURRENT-TO").size(), 2u);
  EXPECT_EQ(f.GetAll("WARC-CONCURRENT-TO")[1], "<urn:uuid:b>");
  EXPECT_FALSE(f.Get("WARC-Date").has_value());
}

TEST(HeaderFieldsTest, SetReplacesFirstAndDropsRepeats) {
  HeaderFields f;
  f.Add("A", "1");
  f.Add("B", "2");
  f.Add("a", "3");
  f.Set("A", "9");
  ASSERT_EQ(f.entries().size(), 2u);
  EXPECT_EQ(f.entries()[0].second, "9");
  EXPECT_EQ(f.entries()[1].first, "B");
  f.Remove("b");
  EXPECT_EQ(f.entries().size(), 1u);
}

TEST(RecordHeaderTest, SerializeThenParseRoundTrips) {
  RecordHeader h;
  h.fields.Add(field::kType, "resource");
  h.fields.Add(field::kTargetUri, "http://example.com/");
  h.fields.Add(field::kContentLength, "12");
  std::string text = h.Serialize();
  EXPECT_EQ(text,
            "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Target-URI: http://example.com/\r\n"
            "Content-Length: 12\r\n\r\n");
  RecordHeader parsed;
  ASSERT_TRUE(ParseRecordHeader(text, &parsed).ok());
  EXPECT_EQ(parsed.version, "WARC/1.1");
  EXPECT_EQ(parsed.type(), RecordType::kResource);
  EXPECT_EQ(parsed.content_length(), 12u);
  EXPECT_EQ(parsed.fields.entries(), h.fields.entries());
}

TEST(RecordHeaderTest, ParsesLfOnlyAndFoldedLines) {
  RecordHeader h;
  ASSERT_TRUE(ParseRecordHeader("WARC/1.0\nWARC-Type: warcinfo\nX-Long: one\n  two\n\n", &h).ok());
  EXPECT_EQ(h.version, "WARC/1.0");
  EXPECT_EQ(h.fields.Get("X-Long"), "one two");
}

// A reader parses every record into one RecordHeader: nothing of the last one may stay.
TEST(RecordHeaderTest, ParsingReplacesEveryOldField) {
  RecordHeader h;
  ASSERT_TRUE(ParseRecordHeader("WARC/1.0\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", &h).ok());
  ASSERT_TRUE(ParseRecordHeader("WARC/1.1\r\nX: long value\r\n  folded\r\nA: 9\r\n\r\n", &h).ok());
  HeaderFields expected;
  expected.Add("X", "long value folded");
  expected.Add("A", "9");
  EXPECT_EQ(h.version, "WARC/1.1");
  EXPECT_EQ(h.fields.entries(), expected.entries());
  // After a bad line the header holds what a fresh one would.
  const std::string_view bad = "WARC/1.1\r\nY: 1\r\nZ: 2\r\nno colon\r\n\r\n";
  RecordHeader fresh;
  EXPECT_FALSE(ParseRecordHeader(bad, &fresh).ok());
  EXPECT_FALSE(ParseRecordHeader(bad, &h).ok());
  EXPECT_EQ(h.fields.entries(), fresh.fields.entries());
  EXPECT_EQ(h.fields.entries().size(), 1u);
  EXPECT_FALSE(ParseRecordHeader("", &h).ok());
  EXPECT_TRUE(h.fields.empty());
}

TEST(RecordHeaderTest, StripsWgetAngleBracketsFromTargetUri) {
  RecordHeader h;
  h.fields.Add(field::kTargetUri, "<http://example.com/>");
  EXPECT_EQ(h.target_uri(), "http://example.com/");
}

TEST(RecordHeaderTest, RejectsBadVersionAndBadLines) {
  RecordHeader h;
  Status s = ParseRecordHeader("HTTP/1.1 200 OK\r\n\r\n", &h);
  EXPECT_TRUE(s.IsCorruption());
  s = ParseRecordHeader("WARC/1.1\r\nno colon here\r\n\r\n", &h);
  EXPECT_TRUE(s.IsCorruption());
  EXPECT_NE(s.message().find("line 2"), std::string::npos);
}

TEST(RecordHeaderTest, ContentLengthMustBeDecimal) {
  RecordHeader h;
  h.fields.Add(field::kContentLength, "6000, 5155");
  EXPECT_FALSE(h.content_length().has_value());
}

}  // namespace
}  // namespace warcrawl::warc
