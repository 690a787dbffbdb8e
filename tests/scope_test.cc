#include "crawler/scope.h"

#include <gtest/gtest.h>

#include "crawler/traps.h"

namespace warcrawl::crawler {
namespace {

Scope Make(ScopeType type, std::vector<std::string> include = {},
           std::vector<std::string> exclude = {}, int depth = -1) {
  CrawlConfig c;
  c.seeds = {"https://www.blog.test/2024/hello/index.html"};
  c.scope_type = type;
  c.include = std::move(include);
  c.exclude = std::move(exclude);
  c.depth = depth;
  Scope s;
  EXPECT_TRUE(Scope::Create(c, &s).ok());
  return s;
}

TEST(ScopeTest, PagePrefixHostDomain) {
  Scope page = Make(ScopeType::kPage);
  EXPECT_TRUE(page.InScope("https://WWW.blog.test:443/2024/hello/index.html#x"));
  EXPECT_FALSE(page.InScope("https://www.blog.test/2024/hello/other.html"));

  Scope prefix = Make(ScopeType::kPrefix);
  EXPECT_TRUE(prefix.InScope("https://www.blog.test/2024/hello/other.html"));
  EXPECT_TRUE(prefix.InScope("https://www.blog.test/2024/hello/comment-page-2/"));
  EXPECT_FALSE(prefix.InScope("https://www.blog.test/2024/other/"));

  Scope host = Make(ScopeType::kHost);
  EXPECT_TRUE(host.InScope("http://www.blog.test/anything"));
  EXPECT_FALSE(host.InScope("https://blog.test/")) << "host scope does not fold www.";
  EXPECT_FALSE(host.InScope("https://cdn.blog.test/a.css"));

  Scope domain = Make(ScopeType::kDomain);
  EXPECT_TRUE(domain.InScope("https://blog.test/"));
  EXPECT_TRUE(domain.InScope("https://cdn.blog.test/a.css"));
  EXPECT_FALSE(domain.InScope("https://notblog.test/"));
  EXPECT_FALSE(domain.InScope("https://blog.test.evil.example/"));
}

TEST(ScopeTest, IncludeWidensExcludeWins) {
  Scope s = Make(ScopeType::kHost, {"^https://friends\\.test/"}, {"/private/"});
  EXPECT_TRUE(s.InScope("https://friends.test/page"));
  EXPECT_FALSE(s.InScope("https://www.blog.test/private/x"));
  EXPECT_EQ(s.Decide("https://www.blog.test/private/x", 0, true), ScopeVerdict::kExcluded)
      << "an exclude wins even over a requisite";
  Scope custom = Make(ScopeType::kCustom, {"/2024/"});
  EXPECT_TRUE(custom.InScope("https://elsewhere.test/2024/a"));
  EXPECT_FALSE(custom.InScope("https://www.blog.test/2023/a"));
}

TEST(ScopeTest, LongUrlsMeetThePatternsWithoutBacktracking) {
  // RE2, not std::regex: a hostile page's 100 KB link neither overflows the stack nor is
  // refused for its length alone (the url-length trap decides that, where enabled).
  Scope s = Make(ScopeType::kHost, {"(a|b)*c"}, {"(x|y)*z"});
  const std::string url = "https://www.blog.test/" + std::string(100000, 'a');
  EXPECT_EQ(s.Decide(url, 0, false), ScopeVerdict::kInScope);
  EXPECT_EQ(s.Decide(url + "z", 0, false), ScopeVerdict::kExcluded);
  EXPECT_EQ(s.Decide("https://elsewhere.test/" + std::string(100000, 'b') + "c", 0, false),
            ScopeVerdict::kInScope);  // by the include pattern
}

TEST(ScopeTest, PatternsNeedingBacktrackingAreRefused) {
  CrawlConfig config;
  config.seeds = {"https://www.blog.test/"};
  config.exclude = {"(a)\\1"};
  Scope s;
  Status st = Scope::Create(config, &s);
  EXPECT_TRUE(st.IsInvalidArgument());
  EXPECT_NE(st.ToString().find("(a)\\1"), std::string::npos) << st.ToString();
}

TEST(ScopeTest, DepthAndRequisites) {
  Scope s = Make(ScopeType::kHost, {}, {}, 2);
  EXPECT_EQ(s.Decide("https://www.blog.test/a", 2, false), ScopeVerdict::kInScope);
  EXPECT_EQ(s.Decide("https://www.blog.test/a", 3, false), ScopeVerdict::kTooDeep);
  EXPECT_EQ(s.Decide("https://www.blog.test/a.css", 3, true), ScopeVerdict::kInScope);
  EXPECT_EQ(s.Decide("https://cdn.test/a.css", 1, true), ScopeVerdict::kRequisite);
  EXPECT_EQ(s.Decide("https://cdn.test/page", 1, false), ScopeVerdict::kOutOfScope);
}

TrapRules Traps(TrapConfig config = {}) {
  TrapRules rules;
  EXPECT_TRUE(TrapRules::Create(config, &rules).ok());
  return rules;
}

TEST(TrapsTest, DefaultTrapsMatch) {
  TrapRules t = Traps();
  const std::pair<const char*, const char*> cases[] = {
      {"https://b.test/2024/01/02/p/?replytocom=12#respond", "replytocom"},
      {"https://b.test/p/?share=twitter", "share"},
      {"https://b.blogspot.test/2024/01/p.html?showComment=1700000000#c1", "showComment"},
      {"https://b.test/p/?like_comment=5&_wpnonce=x", "like_comment"},
      {"https://b.test/p/quote-comment-17/", "quote-comment"},
      {"https://b.test/jetpack-comment/?blogid=1", "jetpack-comment"},
      {"https://b.test/wp-login.php?redirect_to=x", "wp-login"},
      {"https://b.test/wp-admin/edit.php", "wp-admin"},
      {"https://b.blogspot.test/feeds/123/comments/default/456", "blogger-comment-feed"},
      {"https://b.test/events/calendar/2031-01/", "calendar"},
      {"https://b.test/?m=20240102", "calendar"},
      {"https://b.test/2999/01/", "calendar-years"},
      {"https://b.test/1970/01/01/", "calendar-years"},
      {"https://b.test/a;jsessionid=0123456789ABCDEF0123", "session-id"},
      {"https://b.test/p?PHPSESSID=0123456789abcdef0123456789abcdef", "session-id"},
      {"https://b.test/p?q=%25252525", "re-escaping"},
      {"https://b.test/a/b/a/b/a/b/", "repeated-segments"},
      {"https://b.test/x/x/x/", "repeated-segments"},
  };
  for (const auto& [url, name] : cases) {
    auto m = t.Match(url);
    ASSERT_TRUE(m.has_value()) << url;
    EXPECT_EQ(*m, name) << url;
  }
  EXPECT_EQ(t.Match("https://b.test/" + std::string(3000, 'a')), "url-length");
}

TEST(TrapsTest, CommentPagesAndPostsAreNeverTraps) {
  TrapRules t = Traps();
  for (const char* url :
       {"https://b.test/2024/01/02/hello/", "https://b.test/2024/01/02/hello/comment-page-3/",
        "https://b.test/2024/01/02/hello/?cpage=2", "https://b.test/?p=42&cpage=4",
        "https://b.test/2024/01/02/hello/feed/",
        "https://b.blogspot.test/feeds/123/comments/default", "https://b.test/page/2/",
        "https://b.test/a/b/a/b/", "https://b.test/2024/05/", "https://b.test/p?q=%2525",
        "https://b.test/share-your-story/", "https://b.test/?s=admin"}) {
    EXPECT_FALSE(t.Match(url).has_value()) << url << " matched " << t.Match(url).value_or("");
  }
}

TEST(TrapsTest, DisableAndExtra) {
  TrapConfig c;
  c.disable = {"share", "url-length"};
  c.extra = {"/print/$"};
  TrapRules t = Traps(c);
  EXPECT_FALSE(t.Match("https://b.test/p/?share=x"));
  EXPECT_FALSE(t.Match("https://b.test/" + std::string(3000, 'a')));
  EXPECT_EQ(t.Match("https://b.test/p/print/"), "extra:/print/$");
  EXPECT_EQ(t.Match("https://b.test/p/?replytocom=1"), "replytocom");
  c.defaults = false;
  c.extra.clear();
  EXPECT_FALSE(Traps(c).Match("https://b.test/p/?replytocom=1"));
  ASSERT_EQ(DefaultTrapNames().size(), 15u);
}

TEST(TrapsTest, QueryVariantsPerPath) {
  QueryVariantLimiter limiter(3);
  EXPECT_TRUE(limiter.Admit("https://b.test/search?q=1"));
  EXPECT_TRUE(limiter.Admit("https://b.test/search?q=2"));
  EXPECT_TRUE(limiter.Admit("https://b.test/search?q=3"));
  EXPECT_FALSE(limiter.Admit("https://b.test/search?q=4"));
  EXPECT_TRUE(limiter.Admit("https://b.test/search?q=2")) << "a known variant stays admitted";
  EXPECT_TRUE(limiter.Admit("https://b.test/other?q=4"));
  EXPECT_TRUE(limiter.Admit("https://b.test/search")) << "no query, no variant";
}

}  // namespace
}  // namespace warcrawl::crawler
