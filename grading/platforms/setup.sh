#!/bin/bash
# Gradescope runs this once, as root, when it builds the autograder image.
set -eu
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends gcc libc6-dev make pkg-config \
	libpcap-dev check python3 bubblewrap binutils util-linux libseccomp-dev
cd /autograder/source/vethlab
make -s build TREE=solutions
# Without namespaces (Gradescope's Docker) each submission runs as its own
# uid: let it read nothing of the answer key or the goldens, even by path.
chmod -R go-rwx solutions tests/golden build/solutions/tree build/solutions/tests \
	build/solutions/vethsim
