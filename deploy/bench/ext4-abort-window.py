#!/usr/bin/env python3
"""Does Linux keep every fdatasync it acknowledged when ext4 aborts its journal?

Usage (root, Linux): deploy/bench/ext4-abort-window.py [TRIALS]   (default 30)

Each trial makes a 64 MiB ext4 file system in an image file, mounts it on a loop device with errors=remount-ro (as the
storage fault tests and most distributions do), and appends 4 KiB records to a file, each followed by fdatasync, the way
SQLite commits to its WAL; a second thread rewrites and fsyncs another file, as the checkpointer does. After a random
50-500 ms the trial has ext4 report an error (/sys/fs/ext4/<device>/trigger_fs_error): the kernel aborts the journal and
makes the file system read-only. The writers stop at their first error; the file system is unmounted, checked
(e2fsck -fy) and mounted again, and the file's size is compared with the bytes whose fdatasync returned success.

A trial prints LOST when the file is shorter than what was acknowledged: the kernel reported an fdatasync successful
whose metadata (the file's new size) never reached the journal. Every byte acknowledged before the error was injected
is expected to be kept; that is checked too, and reported as BEFORE-LOST if it is not.
"""

import os
import random
import subprocess
import sys
import tempfile
import threading
import time


def run(*arguments, allowed=(0,)):
    completed = subprocess.run(arguments, capture_output=True, text=True)
    if completed.returncode not in allowed:
        raise RuntimeError(f"{' '.join(arguments)} exited {completed.returncode}: {completed.stderr.strip()}")
    return completed.stdout


def appender(path, acknowledged, stop):
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o644)
    record = os.urandom(4096 + 24)
    size = 0
    try:
        while not stop.is_set():
            os.pwrite(fd, record, size)
            os.fdatasync(fd)
            size += len(record)
            acknowledged[0] = size
    except OSError:
        pass
    finally:
        os.close(fd)


def rewriter(path, stop):
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o644)
    page = b"x" * 4096
    n = 0
    try:
        while not stop.is_set():
            os.pwrite(fd, page, (n % 64) * 4096)
            os.fsync(fd)
            n += 1
            time.sleep(0.002)
    except OSError:
        pass
    finally:
        os.close(fd)


def trial(number):
    root = tempfile.mkdtemp(prefix="ext4-abort-window-")
    image = os.path.join(root, "disk.img")
    mount_point = os.path.join(root, "mnt")
    os.mkdir(mount_point)
    mounted = False
    try:
        with open(image, "wb") as file:
            file.truncate(64 * 1024 * 1024)
        run("mkfs.ext4", "-q", "-F", image)
        run("mount", "-o", "loop,errors=remount-ro", image, mount_point)
        mounted = True
        device = os.path.basename(run("findmnt", "-no", "SOURCE", mount_point).strip())

        acknowledged = [0]
        stop = threading.Event()
        threads = [
            threading.Thread(target=appender, args=(os.path.join(mount_point, "wal"), acknowledged, stop)),
            threading.Thread(target=rewriter, args=(os.path.join(mount_point, "db"), stop)),
        ]
        for thread in threads:
            thread.start()
        time.sleep(random.uniform(0.05, 0.5))
        before = acknowledged[0]
        with open(f"/sys/fs/ext4/{device}/trigger_fs_error", "w") as trigger:
            trigger.write("ext4-abort-window")
        returned = acknowledged[0]
        time.sleep(0.2)
        stop.set()
        for thread in threads:
            thread.join()
        final = acknowledged[0]

        run("umount", mount_point)
        mounted = False
        run("e2fsck", "-fy", image, allowed=(0, 1))
        run("mount", "-o", "loop,ro", image, mount_point)
        mounted = True
        kept = os.path.getsize(os.path.join(mount_point, "wal"))
        verdict = "BEFORE-LOST" if kept < before else "LOST" if kept < final else ""
        print(f"trial {number}: acknowledged {before} bytes before the error, {returned} when the trigger returned, "
              f"{final} in all; {kept} kept after e2fsck {verdict}", flush=True)
        return verdict
    finally:
        if mounted:
            run("umount", mount_point)
        subprocess.run(["rm", "-rf", root])


def main():
    trials = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    verdicts = [trial(n) for n in range(trials)]
    print(f"{trials} trials: acknowledged bytes lost in {verdicts.count('LOST')}, "
          f"lost from before the error in {verdicts.count('BEFORE-LOST')}")
    return 1 if "BEFORE-LOST" in verdicts else 0


if __name__ == "__main__":
    sys.exit(main())
