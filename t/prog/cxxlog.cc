// cxxlog.cc - a small C++ service that reports through iostreams the way
// many do: progress on std::clog, problems on std::cerr (some lines built
// from several insertions, one flushed by std::endl), a result on stdout,
// and a failing exit status.
#include <cstdlib>
#include <iostream>
#include <string>

int
main()
{
	std::string path = "/var/lib/cxxlog/state.db";
	std::clog << "cxxlog: loading configuration from /etc/cxxlog.conf\n";
	std::cerr << "cxxlog: warning: cache size " << 0
		  << " is too small, using " << 64 << std::endl;
	std::cout << "processed " << 3 << " items" << std::endl;
	std::cerr << "cxxlog: error: cannot open " << path
		  << ": No such file or directory\n";
	return 3;
}
