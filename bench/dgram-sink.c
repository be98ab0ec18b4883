/*
 * dgram-sink.c - a local syslog receiver for the benchmarks: bind a unix
 * datagram socket at PATH, read and discard every datagram, and on
 * SIGTERM or SIGINT take the ones still queued and print how many
 * datagrams and bytes it got.
 *
 *   dgram-sink PATH
 *
 * It stands in for a syslog daemon that does no work, so that a syslog
 * benchmark measures the sender.  Both the native and the withlog runs
 * send to the same receiver: the cost of its wake-ups is common to both.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define BATCH 64

static volatile sig_atomic_t stop;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int
main(int argc, char **argv)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct sigaction sa;
	unsigned long long count = 0, bytes = 0;
	static char buf[BATCH][8192 + 1];
	static struct mmsghdr msgs[BATCH];
	static struct iovec iov[BATCH];
	int fd, size = 4 << 20;

	if (argc != 2 || strlen(argv[1]) >= sizeof(sun.sun_path)) {
		fprintf(stderr, "usage: dgram-sink PATH\n");
		return 2;
	}
	strcpy(sun.sun_path, argv[1]);
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		perror("dgram-sink: socket");
		return 1;
	}
	/* A deep queue: the sender should wait on its own work, not ours. */
	(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	unlink(sun.sun_path);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) != 0) {
		fprintf(stderr, "dgram-sink: cannot bind '%s': %s\n",
		    sun.sun_path, strerror(errno));
		return 1;
	}
	/* No SA_RESTART: the signal must interrupt the blocking recv. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	/* Take what is queued in one call: the socket's queue is short
	 * (net.unix.max_dgram_qlen, 10 by default) and a sender that finds
	 * it full waits, so a slow receiver would be what gets measured. */
	for (int i = 0; i < BATCH; i++) {
		iov[i].iov_base = buf[i];
		iov[i].iov_len = sizeof(buf[i]);
		msgs[i].msg_hdr.msg_iov = &iov[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
	}
	for (;;) {
		/* Once told to stop (the sender is done), take what is still
		 * queued without waiting, then stop. */
		int n = recvmmsg(fd, msgs, BATCH, stop ? MSG_DONTWAIT :
		    MSG_WAITFORONE, NULL);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (stop && (errno == EAGAIN || errno == EWOULDBLOCK))
				break;
			perror("dgram-sink: recvmmsg");
			break;
		}
		for (int i = 0; i < n; i++)
			bytes += msgs[i].msg_len;
		count += (unsigned long long)n;
	}
	unlink(sun.sun_path);
	printf("datagrams=%llu bytes=%llu\n", count, bytes);
	return 0;
}
