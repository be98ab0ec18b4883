// cerr.cc - C++ iostreams on stderr, synced with stdio and not.
#include <iostream>
#include <cstring>

int
main(int argc, char **argv)
{
	if (argc > 1 && std::strcmp(argv[1], "unsync") == 0)
		std::ios::sync_with_stdio(false);
	std::cerr << "one " << 1 << std::endl;
	std::cerr << "two" << '\n' << std::flush;
	std::clog << "three\n";
	return 0;
}
