// Deterministic blog-like HTML for benchmarks: posts with paragraphs of Zipf-distributed
// words, comment threads, navigation and markup, so zlib sees text about as compressible
// as real pages (roughly 4-5x at level 6), not runs of one byte.
#ifndef WARCRAWL_BENCH_HTML_CORPUS_H_
#define WARCRAWL_BENCH_HTML_CORPUS_H_

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace warcrawl::bench {

class HtmlCorpus {
 public:
  explicit HtmlCorpus(uint64_t seed) : rng_(seed) {
    // A vocabulary of made-up words of 2-11 letters; Zipf weights like natural text.
    std::uniform_int_distribution<int> len(2, 11), letter(0, 25);
    std::vector<double> weights;
    for (int i = 0; i < 5000; ++i) {
      std::string w;
      for (int n = len(rng_); n > 0; --n) w.push_back(static_cast<char>('a' + letter(rng_)));
      words_.push_back(w);
      weights.push_back(1.0 / (i + 1));
    }
    zipf_ = std::discrete_distribution<int>(weights.begin(), weights.end());
  }

  // A page of about `target_size` bytes.
  std::string Page(int index, size_t target_size) {
    std::string html =
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>" + Sentence(6) +
        "</title>\n<link rel=\"stylesheet\" href=\"/wp-content/themes/blog/style.css?ver=6.4\">\n"
        "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed/\">\n</head>\n<body "
        "class=\"post-template-default single single-post\">\n"
        "<header id=\"masthead\"><nav class=\"main-navigation\"><ul>";
    for (int i = 0; i < 8; ++i) {
      html += "<li class=\"menu-item\"><a href=\"/category/" + words_[i * 7] + "/\">" +
              words_[i * 7] + "</a></li>";
    }
    html += "</ul></nav></header>\n<article id=\"post-" + std::to_string(index) +
            "\" class=\"post\">\n<h1 class=\"entry-title\">" + Sentence(8) + "</h1>\n";
    int comment = 0;
    while (html.size() < target_size) {
      if (html.size() < target_size / 2) {
        html += "<p>" + Sentence(60) + "</p>\n";
      } else {
        ++comment;
        html += "<li id=\"comment-" + std::to_string(comment) +
                "\" class=\"comment even thread-even depth-1\"><article class=\"comment-body\">"
                "<footer class=\"comment-meta\"><b class=\"fn\">" +
                Sentence(2) + "</b> <time datetime=\"2024-03-0" + std::to_string(comment % 9 + 1) +
                "T10:00:00+00:00\">March " + std::to_string(comment % 28 + 1) +
                ", 2024</time></footer><div class=\"comment-content\"><p>" + Sentence(35) +
                "</p></div><a rel=\"nofollow\" class=\"comment-reply-link\" href=\"?replytocom=" +
                std::to_string(index * 100 + comment) + "#respond\">Reply</a></article></li>\n";
      }
    }
    html += "</article>\n<footer><p>Powered by a blog engine</p></footer></body></html>\n";
    return html;
  }

 private:
  std::string Sentence(int words) {
    std::string s;
    for (int i = 0; i < words; ++i) {
      if (i) s += ' ';
      s += words_[zipf_(rng_)];
    }
    return s;
  }

  std::mt19937_64 rng_;
  std::vector<std::string> words_;
  std::discrete_distribution<int> zipf_;
};

}  // namespace warcrawl::bench

#endif  // WARCRAWL_BENCH_HTML_CORPUS_H_
