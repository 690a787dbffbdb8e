// The individual URL rules of the Python `surt` package's default canonicaliser
// (GoogleURLCanonicalizer and IAURLCanonicalizer), one function each, so tests can pin each
// rule to the package's own test cases. CanonicalizeSurtUrl strings them together.
//
// Thread-safety: pure functions; safe from any thread.
#ifndef WARCRAWL_INDEX_SURT_RULES_H_
#define WARCRAWL_INDEX_SURT_RULES_H_

#include <optional>
#include <string>
#include <string_view>

namespace warcrawl::index::surt_rules {

// Percent-decodes until nothing changes ("%2525" -> "%"); malformed escapes stay.
std::string UnescapeRepeatedly(std::string_view s);
// Escapes bytes <= 0x20, '#', '%', 0x7f and non-ASCII as %XX (uppercase hex).
std::string EscapeOnce(std::string_view s);
// Resolves "." and ".." segments and drops empty ones except a trailing one; "" -> "/".
std::string NormalizePath(std::string_view path);
// A host made only of digits, or a decimal or octal dotted IPv4 form as inet_aton reads
// it, as a dotted quad ("3279880203" -> "195.127.0.11"); nullopt for anything else.
std::optional<std::string> AttemptIpFormats(std::string_view host);
// Python's "idna" codec (IDNA 2003) on a non-ASCII host after dropping invalid UTF-8;
// nullopt where Python raises. libidn2 in UTS #46 transitional mode stands in for nameprep.
std::optional<std::string> PythonIdnaEncode(std::string_view host);
// Drops one leading "www", "www2", "www34"... label.
std::string MassageHost(std::string_view host);
// Drops ASP.NET cookieless session segments such as "/(S(<24 chars>))/" before "*.aspx".
std::string StripPathSessionId(std::string_view path);
// Drops jsessionid, phpsessid and sid (32 alphanumerics), aspsessionid<8 letters> (24
// letters) and cfid+cftoken arguments, case-insensitively, with the '&' that follows.
std::string StripQuerySessionId(std::string_view query);
// Sorts '&'-separated arguments by name, then "name" before "name=...", then value.
std::string AlphaReorderQuery(std::string_view query);

}  // namespace warcrawl::index::surt_rules

#endif  // WARCRAWL_INDEX_SURT_RULES_H_
