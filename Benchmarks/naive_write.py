#!/usr/bin/env python3
"""Durable-write baselines for docs/PERFORMANCE.md.

  naive_write.py MODE STATE_DIR SOURCE_DIR

Writes every file of SOURCE_DIR into STATE_DIR atomically and durably, and prints the
seconds the writing took (measured inside the process, so interpreter start-up is not
counted). MODE:
  naive  for each file: write a temporary file, fsync it, rename it over the target,
         fsync the directory (what "atomic write" recipes do, one file at a time)
  batch  Steward's AtomicWriter technique: write every temporary file, one syncfs(2),
         every rename, one fsync of the directory
"""
import ctypes
import os
import sys
import time


def main():
    mode, state, source = sys.argv[1], sys.argv[2], sys.argv[3]
    files = []
    for n in sorted(os.listdir(source)):
        with open(os.path.join(source, n), "rb") as f:
            files.append((n, f.read()))
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    dfd = os.open(state, os.O_RDONLY | os.O_DIRECTORY)
    t = time.perf_counter()
    pid = os.getpid()  # unique temporary names per run, as Steward does
    if mode == "naive":
        for i, (n, b) in enumerate(files):
            tmp = ".%s.tmp-%d-%d" % (n, pid, i)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644, dir_fd=dfd)
            os.write(fd, b)
            os.fsync(fd)
            os.close(fd)
            os.rename(tmp, n, src_dir_fd=dfd, dst_dir_fd=dfd)
            os.fsync(dfd)
    elif mode == "batch":
        for i, (n, b) in enumerate(files):
            fd = os.open(".%s.tmp-%d-%d" % (n, pid, i), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644, dir_fd=dfd)
            os.write(fd, b)
            os.close(fd)
        if libc.syncfs(dfd) != 0:
            raise OSError(ctypes.get_errno(), "syncfs")
        for i, (n, _) in enumerate(files):
            os.rename(".%s.tmp-%d-%d" % (n, pid, i), n, src_dir_fd=dfd, dst_dir_fd=dfd)
        os.fsync(dfd)
    else:
        sys.exit(__doc__)
    print("%.4f" % (time.perf_counter() - t))


if __name__ == "__main__":
    main()
