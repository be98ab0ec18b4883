/*
 * journal-recv.c - a stand-in for journald in the tests: bind a unix
 * datagram socket at PATH, take entries in the journal's native protocol
 * (a datagram's payload, or a memfd passed with an empty datagram), check
 * their form, and print each one for the test to compare:
 *
 *   entry 1 bytes=213 memfd=0
 *   PRIORITY=3
 *   MESSAGE~two\nlines
 *
 * A field written "NAME=value" is printed with '='; one in the
 * binary-safe form (NAME, newline, 64-bit little-endian length, value,
 * newline) with '~'.  Values are escaped: \\, \n, \t and \xHH for other
 * bytes outside printable ASCII.  A malformed entry prints "malformed at
 * byte N".  It stops after COUNT entries, or once no entry came for
 * IDLE_MS milliseconds, or on SIGTERM.
 *
 *   journal-recv PATH COUNT IDLE_MS
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void
on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static void
escaped(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\\')
			fputs("\\\\", stdout);
		else if (p[i] == '\n')
			fputs("\\n", stdout);
		else if (p[i] == '\t')
			fputs("\\t", stdout);
		else if (p[i] < 0x20 || p[i] >= 0x7f)
			printf("\\x%02X", p[i]);
		else
			putchar(p[i]);
	}
}

/* Print the fields of the entry P[0..N). */
static void
entry(const unsigned char *p, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t k = i;
		while (k < n && p[k] != '=' && p[k] != '\n')
			k++;
		if (k == n || k == i) {
			printf("malformed at byte %zu\n", i);
			return;
		}
		for (size_t j = i; j < k; j++)
			if (!((p[j] >= 'A' && p[j] <= 'Z') ||
			    (p[j] >= '0' && p[j] <= '9') || p[j] == '_') ||
			    p[i] == '_' || (p[i] >= '0' && p[i] <= '9')) {
				printf("malformed name at byte %zu\n", i);
				return;
			}
		fwrite(p + i, 1, k - i, stdout);
		if (p[k] == '=') {
			const unsigned char *nl = memchr(p + k + 1, '\n',
			    n - k - 1);
			if (nl == NULL) {
				printf("\nmalformed at byte %zu\n", k);
				return;
			}
			putchar('=');
			escaped(p + k + 1, (size_t)(nl - (p + k + 1)));
			i = (size_t)(nl - p) + 1;
		} else {
			unsigned long long len = 0;
			if (n - k - 1 < 8) {
				printf("\nmalformed at byte %zu\n", k);
				return;
			}
			for (int b = 7; b >= 0; b--)
				len = len << 8 | p[k + 1 + b];
			if (len > n - k - 9 || len + 1 > n - k - 9 ||
			    p[k + 9 + len] != '\n') {
				printf("\nmalformed at byte %zu\n", k);
				return;
			}
			putchar('~');
			escaped(p + k + 9, (size_t)len);
			i = k + 9 + (size_t)len + 1;
		}
		putchar('\n');
	}
}

int
main(int argc, char **argv)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	static unsigned char buf[1 << 20];
	int count, idle, got = 0;

	if (argc != 4 || strlen(argv[1]) >= sizeof(sun.sun_path)) {
		fprintf(stderr, "usage: journal-recv PATH COUNT IDLE_MS\n");
		return 2;
	}
	count = atoi(argv[2]);
	idle = atoi(argv[3]);
	strcpy(sun.sun_path, argv[1]);
	signal(SIGTERM, on_term);
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	unlink(sun.sun_path);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sun, sizeof(sun)) != 0) {
		fprintf(stderr, "journal-recv: cannot bind '%s': %s\n",
		    sun.sun_path, strerror(errno));
		return 1;
	}
	while (!stop && got < count) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int r = poll(&p, 1, idle);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		char cbuf[CMSG_SPACE(sizeof(int))];
		struct iovec iov = { buf, sizeof(buf) };
		struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
		    .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
		ssize_t n = recvmsg(fd, &m, MSG_CMSG_CLOEXEC);
		if (n < 0)
			continue;
		got++;
		struct cmsghdr *h = CMSG_FIRSTHDR(&m);
		if (h != NULL && h->cmsg_level == SOL_SOCKET &&
		    h->cmsg_type == SCM_RIGHTS) {
			int mfd;
			struct stat st;
			memcpy(&mfd, CMSG_DATA(h), sizeof(int));
			if (n != 0 || fstat(mfd, &st) != 0) {
				printf("entry %d malformed: a descriptor and %zd "
				    "bytes\n", got, n);
				continue;
			}
			void *map = mmap(NULL, (size_t)st.st_size, PROT_READ,
			    MAP_PRIVATE, mfd, 0);
			printf("entry %d bytes=%lld memfd=1\n", got,
			    (long long)st.st_size);
			if (map != MAP_FAILED) {
				entry(map, (size_t)st.st_size);
				munmap(map, (size_t)st.st_size);
			}
			close(mfd);
		} else if (m.msg_flags & MSG_TRUNC) {
			printf("entry %d too long for the test's buffer\n",
			    got);
		} else {
			printf("entry %d bytes=%zd memfd=0\n", got, n);
			entry(buf, (size_t)n);
		}
		fflush(stdout);
	}
	unlink(sun.sun_path);
	return 0;
}
