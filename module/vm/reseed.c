// SPDX-License-Identifier: GPL-2.0-only
/*
 * vethlab-reseed HEX: run in the guest right after a restore. Every
 * restore starts from the same saved random state, so without this the
 * first veth of each run would get the same "random" MAC. It credits the
 * host's random bytes to the input pool and makes the kernel reseed its
 * generator now (random(4): RNDADDENTROPY, RNDRESEEDCRNG; root only).
 */
#include <fcntl.h>
#include <linux/random.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define MAXBYTES 64

int main(int argc, char **argv)
{
	struct {
		struct rand_pool_info info;
		unsigned char buf[MAXBYTES];
	} e;
	size_t n, i;
	int fd;

	if (argc != 2 || strlen(argv[1]) % 2 || strlen(argv[1]) > 2 * MAXBYTES) {
		fprintf(stderr, "usage: vethlab-reseed HEX (at most %d bytes)\n",
			MAXBYTES);
		return 2;
	}
	n = strlen(argv[1]) / 2;
	for (i = 0; i < n; i++) {
		char two[3] = { argv[1][2 * i], argv[1][2 * i + 1], 0 };

		e.buf[i] = (unsigned char)strtoul(two, NULL, 16);
	}
	e.info.entropy_count = (int)(8 * n);
	e.info.buf_size = (int)n;
	fd = open("/dev/urandom", O_WRONLY);
	if (fd < 0 || ioctl(fd, RNDADDENTROPY, &e) < 0 ||
	    ioctl(fd, RNDRESEEDCRNG) < 0) {
		perror("vethlab-reseed");
		return 1;
	}
	close(fd);
	return 0;
}
