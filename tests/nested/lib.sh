# lib.sh: nested harness settings and the Debian package cache (sourced by suite, host-suite, bench).
#
# Settings (environment):
#   NESTED_VMMS         VMMs to run the cases with, in order (default
#                       "jiffy qemu"; "qemu" is the control, see cases.sh)
#   NESTED_CACHE        downloaded and unpacked packages, kept across
#                       make clean (default .cache/nested)
#   NESTED_KERNEL_PKG   package whose kernel is both L1 and L2 (default
#                       linux-image-cloud-amd64, resolved to the image
#                       package it depends on)
#   NESTED_KERNEL_DEB   use this .deb instead (no apt at all)
#   NESTED_GENERIC_PKG  a kernel that reads MP tables (CONFIG_X86_MPPARSE,
#                       which the cloud kernel lacks), for the MP table
#                       case (default linux-image-amd64; only its /boot is
#                       unpacked)
#   NESTED_CASES        only the cases whose id matches this regex
#   NESTED_L2_APPEND    common L2 kernel command line
#                       (default "console=ttyS0 panic=-1 quiet")
#   NESTED_VERBOSE=1    stream the first-level guest's console to stderr

: "${TOP:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
: "${BUILD:=build}"
# The build directory as an absolute path (BUILD may be either).
NESTED_BUILD=$BUILD
[[ $NESTED_BUILD == /* ]] || NESTED_BUILD=$TOP/$BUILD
NESTED_DIR=$TOP/tests/nested
NESTED_CACHE=${NESTED_CACHE:-$TOP/.cache/nested}
NESTED_OUT=${NESTED_OUT:-$NESTED_BUILD/nested}
NESTED_VMMS=${NESTED_VMMS:-jiffy qemu}
NESTED_KERNEL_PKG=${NESTED_KERNEL_PKG:-linux-image-cloud-amd64}
NESTED_GENERIC_PKG=${NESTED_GENERIC_PKG:-linux-image-amd64}
NESTED_L2_APPEND=${NESTED_L2_APPEND:-console=ttyS0 panic=-1 quiet}
NESTED_JIFFY_STATIC=${NESTED_JIFFY_STATIC:-$NESTED_BUILD/jiffy-static}
NESTED_FIRMWARE=${NESTED_FIRMWARE:-$NESTED_BUILD/firmware/jiffy-firmware.bin}
NESTED_STOPWATCH_BIN=$NESTED_BUILD/host/tests/nested/stopwatch
NESTED_EXTRACT=$NESTED_BUILD/extract-vmlinux

# Why the last step failed, for the TAP diagnostics.
NESTED_WHY=

nested_fail() {
	NESTED_WHY=$*
	return 1
}

# Run an apt query; if it fails or finds nothing (a fresh CI machine has
# no package lists until an update), update the lists once and retry.
nested_apt() {
	local out stamp=$NESTED_OUT/.apt-updated
	out=$("$@" 2>/dev/null)
	if [[ -z $out && ! -e $stamp && $(id -u) -eq 0 ]]; then
		mkdir -p "$NESTED_OUT" && touch "$stamp"
		apt-get update -qq >/dev/null 2>&1
		out=$("$@" 2>/dev/null)
	fi
	[[ -n $out ]] && printf '%s\n' "$out"
}

# The image package a metapackage depends on (linux-image-6.1.0-NN-...).
nested_resolve_kernel_pkg() {
	local meta=$1
	nested_apt apt-cache depends "$meta" |
		awk '$1 == "Depends:" && $2 ~ /^linux-image-/ { print $2; exit }'
}

# nested_fetch_deb PKG FALLBACK_GLOB: set DEB to the cached .deb of PKG's
# candidate version, downloading it once. Without apt (offline), fall back
# to the newest cached file matching FALLBACK_GLOB.
nested_fetch_deb() {
	local pkg=$1 glob=$2 debs=$NESTED_CACHE/debs file
	mkdir -p "$debs" || return
	file=$(nested_apt apt-get download --print-uris "$pkg" |
		awk '{ print $2; exit }')
	DEB=$debs/$file
	[[ -n $file && -s $DEB ]] && return 0
	if [[ -n $file ]] &&
		(cd "$debs" && apt-get -o APT::Sandbox::User=root -qq download \
			"$pkg" >/dev/null 2>&1) && [[ -s $DEB ]]; then
		return 0
	fi
	# shellcheck disable=SC2086 # the glob is meant to expand
	DEB=$(ls -t "$debs"/$glob 2>/dev/null | head -n 1)
	[[ -n $DEB ]] ||
		nested_fail "cannot download $pkg (apt-get download failed, nothing cached in $debs)"
}

# Unpack .deb $1 once into the cache (only member $2, e.g. ./boot, if
# given); set UNPACKED to its directory.
nested_unpack() {
	local deb=$1 member=${2:-}
	UNPACKED=$NESTED_CACHE/root/$(basename "$deb" .deb)
	[[ -e $UNPACKED/.unpacked ]] && return 0
	rm -rf "$UNPACKED" "$UNPACKED.tmp"
	mkdir -p "$UNPACKED.tmp" || return
	if [[ -n $member ]]; then
		dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$UNPACKED.tmp" "$member"
	else
		dpkg-deb -x "$deb" "$UNPACKED.tmp"
	fi && mv "$UNPACKED.tmp" "$UNPACKED" && touch "$UNPACKED/.unpacked" ||
		nested_fail "unpacking $deb into $UNPACKED failed"
}

# Set K_DEB, K_VMLINUZ, K_RELEASE, K_MODULES (irqbypass, kvm, kvm-amd:
# paths without the .ko/.ko.xz ending's variants) and BB_BIN.
nested_fetch() {
	local pkg deb root m f
	if [[ -n ${NESTED_KERNEL_DEB:-} ]]; then
		deb=$NESTED_KERNEL_DEB
		[[ -s $deb ]] || nested_fail "NESTED_KERNEL_DEB=$deb: no such file" || return
	else
		pkg=$(nested_resolve_kernel_pkg "$NESTED_KERNEL_PKG")
		nested_fetch_deb "${pkg:-$NESTED_KERNEL_PKG}" \
			"linux-image-*-cloud-amd64_*.deb" || return
		deb=$DEB
	fi
	nested_fetch_deb busybox-static "busybox-static_*.deb" || return
	nested_unpack "$DEB" || return
	BB_BIN=$UNPACKED/bin/busybox
	[[ -x $BB_BIN ]] || nested_fail "$DEB has no bin/busybox" || return
	nested_unpack "$deb" || return
	root=$UNPACKED

	K_VMLINUZ=$(ls "$root"/boot/vmlinuz-* 2>/dev/null | head -n 1)
	[[ -n $K_VMLINUZ ]] || nested_fail "$deb has no boot/vmlinuz-*" || return
	K_RELEASE=${K_VMLINUZ##*/vmlinuz-}
	K_MODULES=()
	for m in virt/lib/irqbypass arch/x86/kvm/kvm arch/x86/kvm/kvm-amd; do
		f=$root/lib/modules/$K_RELEASE/kernel/$m.ko
		[[ -e $f || -e $f.xz ]] ||
			nested_fail "$deb has no ${f#"$root"/}" || return
		K_MODULES+=("$f")
	done
	K_DEB=$deb
}

# Set G_VMLINUZ: the generic kernel's bzImage, for cases of kind
# generic-bzimage. Its offline fallback glob leaves out the cloud kernel.
nested_fetch_generic() {
	local pkg
	pkg=$(nested_resolve_kernel_pkg "$NESTED_GENERIC_PKG")
	nested_fetch_deb "${pkg:-$NESTED_GENERIC_PKG}" \
		"linux-image-*[0-9]-amd64_*.deb" || return
	nested_unpack "$DEB" ./boot || return
	G_VMLINUZ=$(ls "$UNPACKED"/boot/vmlinuz-* 2>/dev/null | head -n 1)
	[[ -n $G_VMLINUZ ]] || nested_fail "$DEB has no boot/vmlinuz-*"
}
