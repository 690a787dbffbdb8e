#include "warc/content_decoder.h"

#include <brotli/decode.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <utility>

#include "warc/record.h"

namespace warcrawl::warc {
namespace {

enum class Coding { kIdentity, kGzip, kDeflate, kBrotli, kUnknown };

Coding CodingOf(std::string_view name) {
  if (EqualsIgnoreCase(name, "identity")) return Coding::kIdentity;
  if (EqualsIgnoreCase(name, "gzip") || EqualsIgnoreCase(name, "x-gzip")) return Coding::kGzip;
  if (EqualsIgnoreCase(name, "deflate")) return Coding::kDeflate;
  if (EqualsIgnoreCase(name, "br")) return Coding::kBrotli;
  return Coding::kUnknown;
}

// Decoders write through a fixed buffer of this size, so memory is bounded by the cap.
constexpr size_t kChunk = size_t{32} * 1024;

// Collects one stage's output and refuses to grow past the cap.
class CappedSink {
 public:
  CappedSink(size_t cap, std::string* out) : cap_(cap), out_(out) {}

  // False (and nothing appended) when the bytes would take the output past the cap.
  bool Append(const void* data, size_t n) {
    if (n > cap_ - out_->size()) {
      over_cap_ = true;
      return false;
    }
    out_->append(static_cast<const char*>(data), n);
    return true;
  }
  bool over_cap() const { return over_cap_; }
  Status OverCapError() const {
    return Status::Corruption("decompressed size exceeds " + std::to_string(cap_) + " bytes");
  }

 private:
  size_t cap_;
  std::string* out_;
  bool over_cap_ = false;
};

// Owns an inflate stream for the duration of one stage.
class Inflater {
 public:
  Inflater() = default;
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;
  ~Inflater() {
    if (initialized_) inflateEnd(&zs_);
  }
  bool Init(int window_bits) {
    initialized_ = inflateInit2(&zs_, window_bits) == Z_OK;
    return initialized_;
  }
  z_stream* get() { return &zs_; }

 private:
  z_stream zs_{};
  bool initialized_ = false;
};

struct BrotliStateDeleter {
  void operator()(BrotliDecoderState* state) const { BrotliDecoderDestroyInstance(state); }
};

std::string At(std::string_view what, size_t offset) {
  return std::string(what) + " at input offset " + std::to_string(offset);
}

Status Truncated(std::string_view name, size_t size) {
  return Status::Corruption("truncated " + std::string(name) + " data: input ends at offset " +
                            std::to_string(size) + " inside the compressed stream");
}

bool StartsGzipMember(std::string_view rest) {
  return rest.size() >= 2 && static_cast<unsigned char>(rest[0]) == 0x1f &&
         static_cast<unsigned char>(rest[1]) == 0x8b;
}

// Runs zlib's inflate over all of `in`. `next_members` lets gzip continue into
// concatenated members.
Status Inflate(std::string_view name, int window_bits, bool next_members, std::string_view in,
               CappedSink* sink) {
  Inflater inflater;
  if (!inflater.Init(window_bits)) return Status::Corruption("cannot start zlib inflate");
  z_stream* zs = inflater.get();
  size_t fed = 0;  // bytes of `in` handed to zlib, which takes at most 4 GiB at a time
  std::array<Bytef, kChunk> buf;
  for (;;) {
    if (zs->avail_in == 0 && fed < in.size()) {
      size_t n = std::min<size_t>(in.size() - fed, UINT32_MAX);
      zs->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data() + fed));
      zs->avail_in = static_cast<uInt>(n);
      fed += n;
    }
    zs->next_out = buf.data();
    zs->avail_out = static_cast<uInt>(buf.size());
    int rc = inflate(zs, Z_NO_FLUSH);
    if (!sink->Append(buf.data(), buf.size() - zs->avail_out)) return sink->OverCapError();
    size_t consumed = fed - zs->avail_in;
    if (rc == Z_STREAM_END) {
      if (!next_members || !StartsGzipMember(in.substr(consumed))) return Status::OK();
      if (inflateReset(zs) != Z_OK) {
        return Status::Corruption(At("cannot restart inflate", consumed));
      }
    } else if (rc == Z_BUF_ERROR && consumed == in.size()) {
      return Truncated(name, in.size());
    } else if (rc != Z_OK) {
      std::string why = zs->msg != nullptr ? zs->msg : "inflate error " + std::to_string(rc);
      return Status::Corruption(At("corrupt " + std::string(name) + " data", consumed) + ": " +
                                why);
    }
  }
}

// A zlib header is CM=8, CINFO<=7 and a check making the first two bytes a multiple of 31;
// anything else is taken as raw deflate, which some servers send.
bool HasZlibHeader(std::string_view in) {
  if (in.size() < 2) return false;
  auto cmf = static_cast<unsigned char>(in[0]);
  auto flg = static_cast<unsigned char>(in[1]);
  return (cmf & 0x0f) == 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
}

Status Unbrotli(std::string_view in, CappedSink* sink) {
  std::unique_ptr<BrotliDecoderState, BrotliStateDeleter> state(
      BrotliDecoderCreateInstance(nullptr, nullptr, nullptr));
  if (!state) return Status::Corruption("cannot start brotli decoder");
  const auto* next_in = reinterpret_cast<const uint8_t*>(in.data());
  size_t avail_in = in.size();
  std::array<uint8_t, kChunk> buf;
  for (;;) {
    uint8_t* next_out = buf.data();
    size_t avail_out = buf.size();
    BrotliDecoderResult rc = BrotliDecoderDecompressStream(state.get(), &avail_in, &next_in,
                                                           &avail_out, &next_out, nullptr);
    if (!sink->Append(buf.data(), buf.size() - avail_out)) return sink->OverCapError();
    switch (rc) {
      case BROTLI_DECODER_RESULT_SUCCESS:
        return Status::OK();
      case BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT:
        break;
      case BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT:
        return Truncated("br", in.size());
      case BROTLI_DECODER_RESULT_ERROR:
        return Status::Corruption(At("corrupt br data", in.size() - avail_in) + ": " +
                                  BrotliDecoderErrorString(BrotliDecoderGetErrorCode(state.get())));
    }
  }
}

Status RunStage(Coding coding, std::string_view in, CappedSink* sink) {
  if (in.empty()) return Status::OK();
  switch (coding) {
    case Coding::kGzip:
      return Inflate("gzip", 16 + MAX_WBITS, true, in, sink);
    case Coding::kDeflate:
      return Inflate("deflate", HasZlibHeader(in) ? MAX_WBITS : -MAX_WBITS, false, in, sink);
    case Coding::kBrotli:
      return Unbrotli(in, sink);
    case Coding::kIdentity:
    case Coding::kUnknown:
      break;
  }
  return sink->Append(in.data(), in.size()) ? Status::OK() : sink->OverCapError();
}

}  // namespace

Status DecodeContent(const std::vector<std::string>& codings, std::string_view in,
                     size_t max_output, std::string* out) {
  out->clear();
  for (const std::string& c : codings) {
    if (CodingOf(c) == Coding::kUnknown) {
      return Status::NotSupported("unsupported content coding '" + c.substr(0, 60) + "'");
    }
  }
  // Stages ping-pong between two buffers; `src` views the latest output.
  std::string buffers[2];
  std::string* last = nullptr;
  std::string_view src = in;
  Status first_error;
  for (auto it = codings.rbegin(); it != codings.rend(); ++it) {
    Coding coding = CodingOf(*it);
    if (coding == Coding::kIdentity) continue;
    std::string* dst = (last == &buffers[0]) ? &buffers[1] : &buffers[0];
    dst->clear();
    CappedSink sink(max_output, dst);
    Status s = RunStage(coding, src, &sink);
    if (sink.over_cap()) return s;
    if (!s.ok() && first_error.ok()) first_error = s;
    last = dst;
    src = *dst;
  }
  if (last != nullptr) {
    *out = std::move(*last);
    return first_error;
  }
  CappedSink sink(max_output, out);
  return RunStage(Coding::kIdentity, in, &sink);
}

}  // namespace warcrawl::warc
