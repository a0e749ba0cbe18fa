// SPDX-License-Identifier: GPL-2.0
/*
 * kernel_veth_pps: packets per second through the kernel's veth driver.
 *
 * A sender thread writes fixed-size Ethernet frames with AF_PACKET
 * (sendmmsg, qdisc bypass) into one end of a veth pair; a receiver thread
 * counts them with AF_PACKET (recvmmsg) on the other end.  Each end may
 * live in its own network namespace: the sockets are created inside the
 * namespace given by --tx-netns / --rx-netns (setns), so one process
 * measures a pair that crosses namespaces.  The namespaces and the pair
 * are made by bench/kernel_veth.sh; this program changes nothing.
 *
 * Bounded: stops after --count frames or --seconds, whichever first; the
 * receiver drains for at most 0.5 s after the sender stops.
 *
 * Output (stdout):
 *   kernel veth: N packets in T s = X Mpps
 *   bench: kernel_veth sent=S received=N seconds=T pps=P frame_bytes=B
 * Exit: 0 ok, 1 error, 2 usage.
 *
 * Build: cc -std=c11 -O2 -Wall -Wextra -Werror -pthread \
 *           -o kernel_veth_pps kernel_veth_pps.c
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define ETH_P_BENCH	0x88b5		/* IEEE 802 local experimental */
#define BATCH		64
#define MAX_FRAME	1514
#define DRAIN_NS	500000000LL	/* receiver idle limit after sender */

struct opts {
	const char *tx_if, *rx_if, *tx_ns, *rx_ns;
	long long count;
	double seconds;
	int size;
};

struct shared {
	struct opts o;
	int tx_fd, rx_fd, tx_ifindex;
	unsigned char dst[ETH_ALEN], src[ETH_ALEN];
	atomic_int rx_ready, tx_done;
	long long sent, received, tx_nobufs;
	long long t_start, t_tx_end, t_last_rx;	/* CLOCK_MONOTONIC ns */
};

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void die(const char *what)
{
	fprintf(stderr, "kernel_veth_pps: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void usage(void)
{
	fprintf(stderr,
		"usage: kernel_veth_pps --tx-if IF --rx-if IF [--tx-netns PATH]\n"
		"         [--rx-netns PATH] [--count N] [--seconds S] [--size BYTES]\n"
		"  defaults: --count 2000000 --seconds 3 --size 64 (60..1514;\n"
		"  the frame as handed to the driver, 64 counts no FCS)\n");
	exit(2);
}

static void enter_netns(const char *path)
{
	int fd;

	if (!path)
		return;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		die(path);
	if (setns(fd, CLONE_NEWNET) < 0)
		die("setns");
	close(fd);
}

/* An AF_PACKET socket bound to ifname in the current namespace. */
static int packet_socket(const char *ifname, int *ifindex,
			 unsigned char mac[ETH_ALEN])
{
	struct sockaddr_ll sll;
	struct ifreq ifr;
	int fd;

	fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons(ETH_P_BENCH));
	if (fd < 0)
		die("socket(AF_PACKET)");
	*ifindex = (int)if_nametoindex(ifname);
	if (*ifindex == 0)
		die(ifname);
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	if (ioctl(fd, SIOCGIFHWADDR, &ifr) < 0)
		die("SIOCGIFHWADDR");
	memcpy(mac, ifr.ifr_hwaddr.sa_data, ETH_ALEN);
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETH_P_BENCH);
	sll.sll_ifindex = *ifindex;
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0)
		die("bind(AF_PACKET)");
	return fd;
}

static void *receiver(void *arg)
{
	struct shared *s = arg;
	static unsigned char bufs[BATCH][MAX_FRAME];
	struct mmsghdr msgs[BATCH];
	struct iovec iov[BATCH];
	long long hard_end, idle_since = 0;
	struct pollfd pfd = { .fd = s->rx_fd, .events = POLLIN };

	for (int i = 0; i < BATCH; i++) {
		iov[i].iov_base = bufs[i];
		iov[i].iov_len = MAX_FRAME;
		memset(&msgs[i], 0, sizeof(msgs[i]));
		msgs[i].msg_hdr.msg_iov = &iov[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
	}
	hard_end = now_ns() + (long long)(s->o.seconds * 1e9) + 3000000000LL;
	atomic_store(&s->rx_ready, 1);
	for (;;) {
		int n = recvmmsg(s->rx_fd, msgs, BATCH, MSG_DONTWAIT, NULL);

		if (n > 0) {
			for (int i = 0; i < n; i++)
				if (msgs[i].msg_len == (unsigned int)s->o.size)
					s->received++;
			s->t_last_rx = now_ns();
			idle_since = 0;
			continue;
		}
		if (n < 0 && errno != EAGAIN && errno != EINTR)
			die("recvmmsg");
		if (now_ns() > hard_end)
			break;
		if (atomic_load(&s->tx_done)) {
			if (!idle_since)
				idle_since = now_ns();
			else if (now_ns() - idle_since > DRAIN_NS)
				break;
		}
		poll(&pfd, 1, 10);
	}
	return NULL;
}

static void sender(struct shared *s)
{
	static unsigned char frame[MAX_FRAME];
	struct mmsghdr msgs[BATCH];
	struct iovec iov;
	struct sockaddr_ll to;
	long long deadline;

	memcpy(frame, s->dst, ETH_ALEN);
	memcpy(frame + ETH_ALEN, s->src, ETH_ALEN);
	frame[12] = ETH_P_BENCH >> 8;
	frame[13] = ETH_P_BENCH & 0xff;
	memcpy(frame + 14, "vethlab", 7);
	iov.iov_base = frame;
	iov.iov_len = (size_t)s->o.size;
	memset(&to, 0, sizeof(to));
	to.sll_family = AF_PACKET;
	to.sll_ifindex = s->tx_ifindex;
	to.sll_halen = ETH_ALEN;
	memcpy(to.sll_addr, s->dst, ETH_ALEN);
	for (int i = 0; i < BATCH; i++) {
		memset(&msgs[i], 0, sizeof(msgs[i]));
		msgs[i].msg_hdr.msg_name = &to;
		msgs[i].msg_hdr.msg_namelen = sizeof(to);
		msgs[i].msg_hdr.msg_iov = &iov;
		msgs[i].msg_hdr.msg_iovlen = 1;
	}
	s->t_start = now_ns();
	deadline = s->t_start + (long long)(s->o.seconds * 1e9);
	while (s->sent < s->o.count) {
		long long left = s->o.count - s->sent;
		int want = left < BATCH ? (int)left : BATCH;
		int n = sendmmsg(s->tx_fd, msgs, (unsigned int)want, 0);

		if (n > 0) {
			s->sent += n;
		} else if (errno == ENOBUFS || errno == EAGAIN) {
			s->tx_nobufs++;
			sched_yield();
		} else if (errno != EINTR) {
			die("sendmmsg");
		}
		if (now_ns() > deadline)
			break;
	}
	s->t_tx_end = now_ns();
	atomic_store(&s->tx_done, 1);
}

static void parse(int argc, char **argv, struct opts *o)
{
	*o = (struct opts){ .count = 2000000, .seconds = 3.0, .size = 64 };
	for (int i = 1; i < argc; i += 2) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!v)
			usage();
		if (!strcmp(a, "--tx-if"))
			o->tx_if = v;
		else if (!strcmp(a, "--rx-if"))
			o->rx_if = v;
		else if (!strcmp(a, "--tx-netns"))
			o->tx_ns = v;
		else if (!strcmp(a, "--rx-netns"))
			o->rx_ns = v;
		else if (!strcmp(a, "--count"))
			o->count = atoll(v);
		else if (!strcmp(a, "--seconds"))
			o->seconds = atof(v);
		else if (!strcmp(a, "--size"))
			o->size = atoi(v);
		else
			usage();
	}
	if (!o->tx_if || !o->rx_if || o->count < 1 || o->count > 1000000000LL ||
	    o->seconds <= 0 || o->seconds > 60 || o->size < 60 ||
	    o->size > MAX_FRAME)
		usage();
}

int main(int argc, char **argv)
{
	static struct shared s;
	unsigned char unused[ETH_ALEN];
	int home, rx_ifindex, bufsz = 64 << 20, one = 1;
	pthread_t rx;
	double secs;

	parse(argc, argv, &s.o);
	home = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (home < 0)
		die("/proc/self/ns/net");

	enter_netns(s.o.rx_ns);
	s.rx_fd = packet_socket(s.o.rx_if, &rx_ifindex, s.dst);
	if (setsockopt(s.rx_fd, SOL_SOCKET, SO_RCVBUFFORCE, &bufsz,
		       sizeof(bufsz)) < 0)
		(void)setsockopt(s.rx_fd, SOL_SOCKET, SO_RCVBUF, &bufsz,
				 sizeof(bufsz));
	if (setns(home, CLONE_NEWNET) < 0)
		die("setns(back)");

	enter_netns(s.o.tx_ns);
	s.tx_fd = packet_socket(s.o.tx_if, &s.tx_ifindex, s.src);
	(void)setsockopt(s.tx_fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one,
			 sizeof(one));
	if (setns(home, CLONE_NEWNET) < 0)
		die("setns(back)");
	close(home);

	/* Drop whatever the rx socket saw before the run. */
	while (recv(s.rx_fd, unused, sizeof(unused), MSG_DONTWAIT) >= 0)
		;

	if (pthread_create(&rx, NULL, receiver, &s) != 0) {
		fprintf(stderr, "kernel_veth_pps: pthread_create failed\n");
		return 1;
	}
	while (!atomic_load(&s.rx_ready))
		sched_yield();
	sender(&s);
	pthread_join(rx, NULL);

	if (s.received == 0) {
		fprintf(stderr, "kernel_veth_pps: nothing received on %s "
			"(is the pair up?)\n", s.o.rx_if);
		return 1;
	}
	secs = (double)(s.t_last_rx - s.t_start) / 1e9;
	printf("kernel veth: %lld packets in %.3f s = %.3f Mpps\n",
	       s.received, secs, (double)s.received / secs / 1e6);
	printf("bench: kernel_veth sent=%lld received=%lld seconds=%.6f "
	       "pps=%.0f frame_bytes=%d tx_nobufs=%lld\n",
	       s.sent, s.received, secs, (double)s.received / secs, s.o.size,
	       s.tx_nobufs);
	return 0;
}
