#include "crawler/feed.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace warcrawl::crawler {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Feed MustParse(std::string_view body, std::string_view url) {
  Feed feed;
  Status s = ParseFeed(body, url, &feed);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return feed;
}

// As WordPress 6.x serves /feed/ (abridged: two posts).
constexpr std::string_view kWordPressPosts =
    R"(<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
	xmlns:slash="http://purl.org/rss/1.0/modules/slash/"
	>

<channel>
	<title>Example Blog</title>
	<atom:link href="https://blog.example.com/feed/" rel="self" type="application/rss+xml" />
	<link>https://blog.example.com</link>
	<description>Just another WordPress site</description>
	<lastBuildDate>Mon, 06 Jan 2025 10:00:00 +0000</lastBuildDate>
	<language>en-US</language>
	<sy:updatePeriod>
	hourly	</sy:updatePeriod>
	<generator>https://wordpress.org/?v=6.7.1</generator>
	<item>
		<title>Hello world!</title>
		<link>https://blog.example.com/2025/01/hello-world/</link>
					<comments>https://blog.example.com/2025/01/hello-world/#comments</comments>
		<dc:creator><![CDATA[admin]]></dc:creator>
		<pubDate>Mon, 06 Jan 2025 09:00:00 +0000</pubDate>
				<category><![CDATA[Uncategorized]]></category>
		<guid isPermaLink="false">https://blog.example.com/?p=1</guid>
					<description><![CDATA[Welcome to WordPress. <a href="https://elsewhere.example/">x</a>]]></description>
										<content:encoded><![CDATA[<p>Welcome</p><link>https://not-a-link.example/</link>]]></content:encoded>
							<wfw:commentRss>https://blog.example.com/2025/01/hello-world/feed/</wfw:commentRss>
			<slash:comments>3</slash:comments>
		</item>
	<item>
		<title>Second &amp; last</title>
		<link>https://blog.example.com/?p=7&amp;preview=true</link>
					<comments>https://blog.example.com/?p=7#respond</comments>
		<pubDate>Sun, 05 Jan 2025 09:00:00 +0000</pubDate>
		<guid isPermaLink="false">https://blog.example.com/?p=7</guid>
							<wfw:commentRss>https://blog.example.com/?feed=rss2&#038;p=7</wfw:commentRss>
			<slash:comments>0</slash:comments>
		</item>
	</channel>
</rss>
)";

TEST(FeedTest, WordPressPostsFeed) {
  Feed feed = MustParse(kWordPressPosts, "https://blog.example.com/feed/");
  EXPECT_EQ(feed.kind, Feed::Kind::kRss);
  EXPECT_EQ(feed.title, "Example Blog");
  EXPECT_EQ(feed.site_link, "https://blog.example.com");
  EXPECT_TRUE(feed.paging_links.empty());  // rel="self" is not paging
  EXPECT_FALSE(feed.truncated);
  ASSERT_EQ(feed.items.size(), 2u);
  const FeedItem& first = feed.items[0];
  EXPECT_EQ(first.link, "https://blog.example.com/2025/01/hello-world/");
  EXPECT_EQ(first.comments_url, "https://blog.example.com/2025/01/hello-world/");
  EXPECT_EQ(first.comment_feed_url, "https://blog.example.com/2025/01/hello-world/feed/");
  EXPECT_EQ(first.id, "https://blog.example.com/?p=1");
  EXPECT_EQ(first.published, "Mon, 06 Jan 2025 09:00:00 +0000");
  EXPECT_EQ(first.comment_count, 3);
  const FeedItem& second = feed.items[1];
  EXPECT_EQ(second.link, "https://blog.example.com/?p=7&preview=true");
  EXPECT_EQ(second.comments_url, "https://blog.example.com/?p=7");
  EXPECT_EQ(second.comment_feed_url, "https://blog.example.com/?feed=rss2&p=7");
  EXPECT_EQ(second.comment_count, 0);
}

TEST(FeedTest, WordPressCommentFeed) {
  Feed feed = MustParse(R"(<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
	>
<channel>
	<title>Comments on: Hello world!</title>
	<atom:link href="https://blog.example.com/2025/01/hello-world/feed/" rel="self" type="application/rss+xml" />
	<link>https://blog.example.com/2025/01/hello-world/</link>
	<description>Just another WordPress site</description>
	<item>
		<title>By: A WordPress Commenter</title>
		<link>https://blog.example.com/2025/01/hello-world/#comment-1</link>
		<dc:creator><![CDATA[A WordPress Commenter]]></dc:creator>
		<pubDate>Mon, 06 Jan 2025 09:30:00 +0000</pubDate>
		<guid isPermaLink="false">https://blog.example.com/2025/01/hello-world/#comment-1</guid>
		<description><![CDATA[Hi, this is a comment.]]></description>
		<content:encoded><![CDATA[<p>Hi, this is a comment.</p>]]></content:encoded>
	</item>
</channel>
</rss>)",
                        "https://blog.example.com/2025/01/hello-world/feed/");
  EXPECT_EQ(feed.title, "Comments on: Hello world!");
  EXPECT_EQ(feed.site_link, "https://blog.example.com/2025/01/hello-world/");
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].link, "https://blog.example.com/2025/01/hello-world/");
  EXPECT_EQ(feed.items[0].id, "https://blog.example.com/2025/01/hello-world/#comment-1");
  EXPECT_EQ(feed.items[0].published, "Mon, 06 Jan 2025 09:30:00 +0000");
  EXPECT_FALSE(feed.items[0].comment_count.has_value());
  EXPECT_EQ(feed.items[0].comment_feed_url, "");
}

// As Blogger serves /feeds/posts/default (abridged).
constexpr std::string_view kBlogger =
    R"(<?xml version='1.0' encoding='UTF-8'?><?xml-stylesheet href="http://www.blogger.com/styles/atom.css" type="text/css"?><feed xmlns='http://www.w3.org/2005/Atom' xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/' xmlns:blogger='http://schemas.google.com/blogger/2008' xmlns:gd="http://schemas.google.com/g/2005" xmlns:thr='http://purl.org/syndication/thread/1.0'><id>tag:blogger.com,1999:blog-123</id><updated>2025-01-06T10:00:00.000-08:00</updated><title type='text'>Example Blogspot</title><link rel='http://schemas.google.com/g/2005#feed' type='application/atom+xml' href='https://example.blogspot.com/feeds/posts/default'/><link rel='self' type='application/atom+xml' href='https://www.blogger.com/feeds/123/posts/default?redirect=false'/><link rel='alternate' type='text/html' href='https://example.blogspot.com/'/><link rel='hub' href='http://pubsubhubbub.appspot.com/'/><link rel='next' type='application/atom+xml' href='https://www.blogger.com/feeds/123/posts/default?start-index=26&amp;max-results=25&amp;redirect=false'/><author><name>Someone</name><uri>http://www.blogger.com/profile/1</uri></author><openSearch:totalResults>40</openSearch:totalResults><entry><id>tag:blogger.com,1999:blog-123.post-456</id><published>2025-01-05T08:00:00.000-08:00</published><updated>2025-01-06T09:00:00.000-08:00</updated><title type='text'>A post</title><content type='html'>&lt;p&gt;hi &lt;a href="https://elsewhere.example/"&gt;x&lt;/a&gt;&lt;/p&gt;</content><link rel='replies' type='application/atom+xml' href='https://example.blogspot.com/feeds/456/comments/default' title='Post Comments'/><link rel='replies' type='text/html' href='https://example.blogspot.com/2025/01/a-post.html#comment-form' title='5 Comments'/><link rel='edit' type='application/atom+xml' href='https://www.blogger.com/feeds/123/posts/default/456'/><link rel='self' type='application/atom+xml' href='https://www.blogger.com/feeds/123/posts/default/456'/><link rel='alternate' type='text/html' href='https://example.blogspot.com/2025/01/a-post.html' title='A post'/><author><name>Someone</name></author><thr:total>5</thr:total></entry><entry><id>tag:blogger.com,1999:blog-123.post-789</id><updated>2025-01-04T08:00:00.000-08:00</updated><link rel='replies' type='application/atom+xml' href='https://example.blogspot.com/feeds/789/comments/default' thr:count='2'/><link rel='alternate' type='text/html' href='https://example.blogspot.com/2025/01/older.html'/></entry></feed>)";

TEST(FeedTest, BloggerAtom) {
  Feed feed = MustParse(kBlogger, "https://example.blogspot.com/feeds/posts/default");
  EXPECT_EQ(feed.kind, Feed::Kind::kAtom);
  EXPECT_EQ(feed.title, "Example Blogspot");
  EXPECT_EQ(feed.site_link, "https://example.blogspot.com/");
  EXPECT_THAT(feed.paging_links,
              ElementsAre("https://www.blogger.com/feeds/123/posts/"
                          "default?start-index=26&max-results=25&redirect=false"));
  ASSERT_EQ(feed.items.size(), 2u);
  const FeedItem& post = feed.items[0];
  EXPECT_EQ(post.link, "https://example.blogspot.com/2025/01/a-post.html");
  EXPECT_EQ(post.comments_url, "https://example.blogspot.com/2025/01/a-post.html");
  EXPECT_EQ(post.comment_feed_url, "https://example.blogspot.com/feeds/456/comments/default");
  EXPECT_EQ(post.id, "tag:blogger.com,1999:blog-123.post-456");
  EXPECT_EQ(post.published, "2025-01-05T08:00:00.000-08:00");  // published beats updated
  EXPECT_EQ(post.comment_count, 5);
  const FeedItem& older = feed.items[1];
  EXPECT_EQ(older.link, "https://example.blogspot.com/2025/01/older.html");
  EXPECT_EQ(older.comment_feed_url, "https://example.blogspot.com/feeds/789/comments/default");
  EXPECT_EQ(older.published, "2025-01-04T08:00:00.000-08:00");  // only updated given
  EXPECT_EQ(older.comment_count, 2);                            // from thr:count
}

TEST(FeedTest, AtomXmlBase) {
  Feed feed =
      MustParse(R"(<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.org/blog/">
  <title>Based</title>
  <link href="./"/>
  <link rel="next" href="?page=2"/>
  <entry xml:base="2025/">
    <id>urn:uuid:1</id>
    <link href="post.html#top"/>
    <link rel="replies" type="application/rss+xml" href="post/comments.rss"/>
  </entry>
  <entry>
    <link rel="http://www.iana.org/assignments/relation/alternate" href="/root.html"/>
  </entry>
  <entry xml:base="https://other.example/x/">
    <link rel="alternate" href="page" xml:base="deeper/"/>
  </entry>
</feed>)",
                "https://example.org/feed.atom");
  EXPECT_EQ(feed.site_link, "https://example.org/blog/");
  EXPECT_THAT(feed.paging_links, ElementsAre("https://example.org/blog/?page=2"));
  ASSERT_EQ(feed.items.size(), 3u);
  EXPECT_EQ(feed.items[0].link, "https://example.org/blog/2025/post.html");
  EXPECT_EQ(feed.items[0].comment_feed_url, "https://example.org/blog/2025/post/comments.rss");
  EXPECT_EQ(feed.items[1].link, "https://example.org/root.html");
  EXPECT_EQ(feed.items[2].link, "https://other.example/x/deeper/page");
}

TEST(FeedTest, Rdf) {
  Feed feed = MustParse(R"(<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="http://www.xml.com/xml/news.rss">
    <title>XML.com</title>
    <link>http://xml.com/pub</link>
    <items><rdf:Seq><rdf:li resource="http://xml.com/pub/2000/08/09/xslt/xslt.html"/></rdf:Seq></items>
  </channel>
  <item rdf:about="http://xml.com/pub/2000/08/09/xslt/xslt.html">
    <title>Processing Inclusions with XSLT</title>
    <link>http://xml.com/pub/2000/08/09/xslt/xslt.html</link>
    <dc:date>2000-08-09</dc:date>
  </item>
  <item rdf:about="http://xml.com/pub/2000/08/09/rdfdb/index.html">
    <link>http://xml.com/pub/2000/08/09/rdfdb/index.html</link>
  </item>
</rdf:RDF>)",
                        "http://www.xml.com/xml/news.rss");
  EXPECT_EQ(feed.kind, Feed::Kind::kRdf);
  EXPECT_EQ(feed.title, "XML.com");
  EXPECT_EQ(feed.site_link, "http://xml.com/pub");
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_EQ(feed.items[0].link, "http://xml.com/pub/2000/08/09/xslt/xslt.html");
  EXPECT_EQ(feed.items[0].id, "http://xml.com/pub/2000/08/09/xslt/xslt.html");
  EXPECT_EQ(feed.items[0].published, "2000-08-09");
  EXPECT_EQ(feed.items[1].link, "http://xml.com/pub/2000/08/09/rdfdb/index.html");
}

TEST(FeedTest, PagedFeedLinks) {
  Feed atom = MustParse(R"xml(<feed xmlns="http://www.w3.org/2005/Atom">
  <link rel="self" href="/feed?page=2"/>
  <link rel="first" href="/feed"/>
  <link rel="previous" href="/feed?page=1"/>
  <link rel="next" href="/feed?page=3"/>
  <link rel="next" href="/feed?page=3#dup"/>
  <link rel="last" href="/feed?page=9"/>
  <link rel="prev-archive" href="/archive/2024"/>
  <link rel="next" href="javascript:void(0)"/>
  <entry><link rel="next" href="/not-feed-level"/></entry>
</feed>)xml",
                        "https://example.com/feed?page=2");
  EXPECT_THAT(atom.paging_links,
              ElementsAre("https://example.com/feed", "https://example.com/feed?page=1",
                          "https://example.com/feed?page=3", "https://example.com/feed?page=9",
                          "https://example.com/archive/2024"));

  Feed rss = MustParse(R"(<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
  <atom:link rel="self" href="https://example.com/feed/?paged=2"/>
  <atom:link rel="next" href="https://example.com/feed/?paged=3"/>
  <atom:link rel="prev" href="https://example.com/feed/"/>
  <item><link>https://example.com/p</link></item>
</channel></rss>)",
                       "https://example.com/feed/?paged=2");
  EXPECT_THAT(rss.paging_links,
              ElementsAre("https://example.com/feed/?paged=3", "https://example.com/feed/"));
  EXPECT_EQ(rss.site_link, "");  // an atom:link alternate is not the RSS channel link
}

TEST(FeedTest, HtmlIsNotAFeed) {
  Feed feed;
  Status s = ParseFeed(
      "<!DOCTYPE html>\n<html lang=en><head><title>Blog</title>"
      "<link rel=alternate type=application/rss+xml href=/feed/></head><body>hi</body></html>",
      "https://example.com/feed/", &feed);
  EXPECT_TRUE(s.IsInvalidArgument()) << s.ToString();
  EXPECT_THAT(s.message(), HasSubstr("not a feed"));
  EXPECT_THAT(s.message(), HasSubstr("'html'"));
  EXPECT_TRUE(feed.items.empty());

  s = ParseFeed("<urlset><url><loc>http://a/</loc></url></urlset>", "https://e.com/", &feed);
  EXPECT_THAT(s.message(), HasSubstr("'urlset'"));
}

TEST(FeedTest, NotXmlAtAll) {
  Feed feed;
  Status s = ParseFeed("Service Unavailable", "https://example.com/feed/", &feed);
  EXPECT_TRUE(s.IsInvalidArgument()) << s.ToString();
  EXPECT_THAT(s.message(), HasSubstr("not a feed: no XML element"));
  EXPECT_THAT(s.message(), HasSubstr("line 1"));

  s = ParseFeed("{\"version\": \"https://jsonfeed.org/version/1.1\"}", "https://e.com/", &feed);
  EXPECT_TRUE(s.IsInvalidArgument());
  EXPECT_THAT(s.message(), HasSubstr("JSON"));

  s = ParseFeed("\xEF\xBB\xBF \n", "https://example.com/feed/", &feed);
  EXPECT_TRUE(s.IsInvalidArgument());
  EXPECT_THAT(s.message(), HasSubstr("empty"));

  EXPECT_TRUE(ParseFeed(kWordPressPosts, "/feed/", &feed).IsInvalidArgument());
}

TEST(FeedTest, EmptyFeeds) {
  Feed rss = MustParse("<rss version='2.0'><channel><title>Nothing yet</title></channel></rss>",
                       "https://example.com/feed/");
  EXPECT_EQ(rss.title, "Nothing yet");
  EXPECT_TRUE(rss.items.empty());
  EXPECT_FALSE(rss.truncated);

  Feed atom = MustParse("<feed xmlns='http://www.w3.org/2005/Atom'/>", "https://example.com/a");
  EXPECT_EQ(atom.kind, Feed::Kind::kAtom);
  EXPECT_TRUE(atom.items.empty());
}

TEST(FeedTest, SloppyNamespacesAndFallbacks) {
  // Prefixes used without declaring them; a guid standing in for the link; foreign look-alikes.
  Feed feed = MustParse(R"xml(<rss version="2.0" xmlns:x="urn:other"><channel>
  <item>
    <guid>https://example.com/permalink</guid>
    <wfw:commentRSS>/permalink/feed/</wfw:commentRSS>
    <slash:comments> 12 </slash:comments>
    <x:comments>https://example.com/foreign</x:comments>
    <x:link>https://example.com/foreign-link</x:link>
  </item>
  <item>
    <guid isPermaLink="false">https://example.com/not-a-link</guid>
    <link>javascript:alert(1)</link>
    <slash:comments>many</slash:comments>
    <thr:total>-3</thr:total>
  </item>
</channel></rss>)xml",
                        "https://example.com/feed/");
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_EQ(feed.items[0].link, "https://example.com/permalink");
  EXPECT_EQ(feed.items[0].comment_feed_url, "https://example.com/permalink/feed/");
  EXPECT_EQ(feed.items[0].comment_count, 12);
  EXPECT_EQ(feed.items[0].comments_url, "");
  EXPECT_EQ(feed.items[1].link, "");
  EXPECT_FALSE(feed.items[1].comment_count.has_value());
}

TEST(FeedTest, BrokenFeedIsRecovered) {
  // An undeclared &nbsp; and a raw '&' must not cost later URLs their "&amp;".
  Feed feed = MustParse(R"(<rss version="2.0"><channel><title>Broken&nbsp;feed</title>
  <item><link>https://example.com/?a=1&b=2</link></item>
  <item><link>https://example.com/?p=3&amp;c=4</link><comments>https://example.com/?p=3&amp;c=5</comments></item>
  <item><link>https://example.com/cut</link>)",
                        "https://example.com/feed/");
  EXPECT_TRUE(feed.truncated);
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_EQ(feed.items[0].link, "https://example.com/?a=1&b=2");
  EXPECT_EQ(feed.items[1].link, "https://example.com/?p=3&c=4");
  EXPECT_EQ(feed.items[1].comments_url, "https://example.com/?p=3&c=5");
}

// Recovery reads the body's own bytes, so it must still line up far past the parser's first
// input slices.
TEST(FeedTest, BrokenLinkDeepInALargeFeed) {
  std::string body =
      "<rss><channel><description>" + std::string(300000, 'x') + "&nbsp;</description>";
  for (int i = 0; i < 3000; ++i)
    body += "<item><link>/p?a=" + std::to_string(i) + "&amp;b</link></item>";
  body += "<item><link>/last?a=1&b=2</link></item></channel></rss>";
  Feed feed = MustParse(body, "https://example.com/feed/");
  ASSERT_EQ(feed.items.size(), 3001u);
  EXPECT_EQ(feed.items[2999].link, "https://example.com/p?a=2999&b");
  EXPECT_EQ(feed.items[3000].link, "https://example.com/last?a=1&b=2");
  EXPECT_FALSE(feed.truncated);
}

TEST(FeedTest, HostileXml) {
  std::string laughs = "<!DOCTYPE rss [<!ENTITY a0 \"lol\">";
  for (int i = 1; i <= 9; ++i) {
    laughs += "<!ENTITY a" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) laughs += "&a" + std::to_string(i - 1) + ";";
    laughs += "\">";
  }
  laughs += "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>";
  Feed feed;
  Status s = ParseFeed(laughs +
                           "<rss><channel><title>&a9;&xxe;</title>"
                           "<item><link>https://example.com/&a9;</link></item></channel></rss>",
                       "https://example.com/feed/", &feed);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_THAT(feed.title, ::testing::Not(HasSubstr("lol")));
  EXPECT_THAT(feed.title, ::testing::Not(HasSubstr("root")));
  for (const FeedItem& item : feed.items) EXPECT_LT(item.link.size(), 100u);
}

TEST(FeedTest, ItemLimit) {
  std::string body = "<rss><channel>";
  for (size_t i = 0; i <= kFeedMaxItems; ++i) {
    body += "<item><link>/p" + std::to_string(i) + "</link></item>";
  }
  body += "</channel></rss>";
  Feed feed = MustParse(body, "https://example.com/feed/");
  EXPECT_EQ(feed.items.size(), kFeedMaxItems);
  EXPECT_TRUE(feed.truncated);
  EXPECT_EQ(feed.items.back().link, "https://example.com/p9999");
}

}  // namespace
}  // namespace warcrawl::crawler
