#include "warc/chunked.h"

#include <algorithm>
#include <utility>

#include "warc/text_util.h"

namespace warcrawl::warc {

using text::HexDigitValue;
using text::QuoteForError;
using text::TrimBlanks;

Status ChunkedDecoder::Fail(std::string message) {
  state_ = State::kError;
  error_ = Status::Corruption(message);
  return error_;
}

Status ChunkedDecoder::Feed(std::string_view in, std::string* out) {
  while (!in.empty()) {
    Status s;
    switch (state_) {
      case State::kSizeLine:
      case State::kTrailer:
        s = StepLine(&in);
        break;
      case State::kData:
        s = StepData(&in, out);
        break;
      case State::kDataEnd:
        s = StepDataEnd(&in);
        break;
      case State::kDone:
        trailing_ += in.size();
        return Status::OK();
      case State::kError:
        return error_;
    }
    if (!s.ok()) return s;
  }
  return state_ == State::kError ? error_ : Status::OK();
}

Status ChunkedDecoder::StepLine(std::string_view* in) {
  size_t nl = in->find('\n');
  size_t take = nl == std::string_view::npos ? in->size() : nl + 1;
  if (line_.empty()) line_offset_ = offset_;
  if (line_.size() + take > kMaxChunkLineBytes + 2) {
    return Fail("chunk " + std::string(state_ == State::kTrailer ? "trailer" : "size") +
                " line at offset " + std::to_string(line_offset_) + " is longer than " +
                std::to_string(kMaxChunkLineBytes) + " bytes");
  }
  line_.append(in->substr(0, take));
  in->remove_prefix(take);
  offset_ += take;
  if (nl == std::string_view::npos) return Status::OK();
  std::string line = std::move(line_);
  line_.clear();
  line.pop_back();  // the LF
  lf_only_ = line.empty() || line.back() != '\r';
  while (!line.empty() && line.back() == '\r') line.pop_back();
  return state_ == State::kTrailer ? OnTrailerLine(line) : OnSizeLine(line);
}

Status ChunkedDecoder::OnSizeLine(std::string_view line) {
  auto bad = [&](std::string_view why) {
    return Fail("bad chunk size line at offset " + std::to_string(line_offset_) + " (" +
                std::string(why) + "): " + QuoteForError(line));
  };
  uint64_t size = 0;
  size_t i = 0;
  for (; i < line.size() && HexDigitValue(line[i]) >= 0; ++i) {
    if (size > (UINT64_MAX >> 4)) return bad("chunk size overflows 64 bits");
    size = (size << 4) | static_cast<uint64_t>(HexDigitValue(line[i]));
  }
  if (i == 0) return bad("no hexadecimal size");
  std::string_view rest = line.substr(i);
  // Chunk extensions (";name=value") carry nothing we keep; only blanks may precede them.
  std::string_view before_ext = TrimBlanks(rest.substr(0, rest.find(';')));
  if (!before_ext.empty()) return bad("unexpected characters after the size");
  if (size == 0) {
    state_ = State::kTrailer;
    return Status::OK();
  }
  chunk_size_ = remaining_ = size;
  chunk_offset_ = offset_;
  state_ = State::kData;
  return Status::OK();
}

Status ChunkedDecoder::OnTrailerLine(std::string_view line) {
  if (line.empty()) {
    state_ = State::kDone;
    return Status::OK();
  }
  trailer_bytes_ += line.size();
  if (trailer_bytes_ > kMaxChunkTrailerBytes) {
    return Fail("chunked trailer section exceeds " + std::to_string(kMaxChunkTrailerBytes) +
                " bytes at offset " + std::to_string(line_offset_));
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) {
    return Fail("bad chunked trailer line at offset " + std::to_string(line_offset_) + ": " +
                QuoteForError(line));
  }
  trailers_.Add(TrimBlanks(line.substr(0, colon)), TrimBlanks(line.substr(colon + 1)));
  return Status::OK();
}

Status ChunkedDecoder::StepData(std::string_view* in, std::string* out) {
  size_t n = static_cast<size_t>(std::min<uint64_t>(remaining_, in->size()));
  out->append(in->substr(0, n));
  in->remove_prefix(n);
  offset_ += n;
  remaining_ -= n;
  if (remaining_ == 0) {
    state_ = State::kDataEnd;
    data_end_cr_ = false;
  }
  return Status::OK();
}

// The data must be followed by CRLF, or by a bare LF when the size line ended that way:
// anything else means the size line lied, and guessing would corrupt the payload silently.
Status ChunkedDecoder::StepDataEnd(std::string_view* in) {
  char c = in->front();
  if (c == '\n' && (data_end_cr_ || lf_only_)) {
    in->remove_prefix(1);
    ++offset_;
    state_ = State::kSizeLine;
    return Status::OK();
  }
  if (c == '\r' && !data_end_cr_) {
    in->remove_prefix(1);
    ++offset_;
    data_end_cr_ = true;
    return Status::OK();
  }
  return Fail("chunk of " + std::to_string(chunk_size_) + " bytes at offset " +
              std::to_string(chunk_offset_) + " is not followed by a line end: found " +
              QuoteForError(in->substr(0, 1)) + " at offset " + std::to_string(offset_) +
              " (the chunk size is wrong or the data is damaged)");
}

Status Dechunk(std::string_view body, std::string* out, bool* complete) {
  out->clear();
  ChunkedDecoder decoder;
  Status s = decoder.Feed(body, out);
  *complete = s.ok() && decoder.last_chunk_seen();
  return s;
}

}  // namespace warcrawl::warc
