// The --listen option of `replay` and `serve`: "HOST:PORT", "[V6]:PORT" or ":PORT".
#ifndef WARCRAWL_CLI_LISTEN_ADDRESS_H_
#define WARCRAWL_CLI_LISTEN_ADDRESS_H_

#include <string>

namespace warcrawl::cli {

// False when `text` is not an address and port (0-65535); an empty host is 127.0.0.1.
bool ParseListen(const std::string& text, std::string* host, int* port);

}  // namespace warcrawl::cli

#endif  // WARCRAWL_CLI_LISTEN_ADDRESS_H_
