#!/bin/sh
# A deliberately insecure way to start the shop's helpers by hand. Each line dt10 reports is named in a
# "dt10:" comment above its command (a shell comment cannot follow a line continued with "\").
set -eu

# dt10: line 9 D01.workload-root-user, D04.capabilities-not-dropped, D04.no-new-privileges,
# D07.no-cpu-limit, D07.no-memory-limit, D07.no-pids-limit, D09.writable-rootfs (it sets none of them)
# and D08.no-digest (the image is named by tag only)
docker run -d --name cache shop/cache:1.4

# dt10: line 16 D04.privileged; line 17 D01.workload-root-user; line 18 D04.host-pid, D03.host-network;
# line 19 D04.docker-socket-mount, D09.writable-host-mount; line 20 D04.sensitive-mount; line 21
# D08.no-digest; line 15 D04.no-new-privileges, D07.no-cpu-limit, D07.no-memory-limit,
# D07.no-pids-limit, D09.writable-rootfs (unset)
sudo docker run --rm -it --name debug \
  --privileged \
  --user root \
  --pid host --network host \
  -v /var/run/docker.sock:/var/run/docker.sock \
  -v /etc:/host/etc:ro \
  shop/debug:1.4 sh

# dt10: line 28 D04.dangerous-capabilities (SYS_ADMIN and NET_ADMIN); line 29 D04.seccomp-disabled,
# D04.mac-disabled; line 30 D04.no-new-privileges; line 31 D04.host-ipc, D04.host-uts; line 32
# D07.no-memory-limit (0 means unlimited), D07.no-pids-limit (-1 means unlimited); line 33 D08.no-digest
metrics=$(podman create --name metrics \
  --user 10004 --read-only --cpus 0.5 \
  --cap-drop ALL --cap-add=SYS_ADMIN,NET_ADMIN \
  --security-opt seccomp=unconfined --security-opt apparmor=unconfined \
  --security-opt no-new-privileges=false \
  --ipc host --uts host \
  --memory 0 --pids-limit -1 \
  shop/metrics:1.4)
podman start "$metrics"
