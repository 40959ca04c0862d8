/* Durable-write baselines for docs/PERFORMANCE.md (compiled by scripts/bench.sh).
 *
 *   naive_write MODE STATE_DIR SOURCE_DIR
 *
 * Writes every file of SOURCE_DIR into STATE_DIR atomically and durably and prints the
 * seconds the writing took (the files are read into memory first; only the writing is
 * timed). MODE:
 *   naive  for each file: write a temporary file, fsync it, rename it over the target,
 *          fsync the directory (the usual one-file-at-a-time recipe)
 *   batch  Steward's AtomicWriter technique: write every temporary file, one syncfs(2),
 *          every rename, one fsync of the directory
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct file { char name[256]; char *data; size_t len; };

static void die(const char *what) { perror(what); exit(1); }

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b) { return strcmp(((const struct file *)a)->name, ((const struct file *)b)->name); }

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: naive_write naive|batch STATE_DIR SOURCE_DIR\n"); return 2; }
    int naive = strcmp(argv[1], "naive") == 0;
    DIR *d = opendir(argv[3]);
    if (!d) die("opendir source");
    size_t n = 0, cap = 1024;
    struct file *files = malloc(cap * sizeof *files);
    struct dirent *e;
    int sfd = dirfd(d);
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        if (n == cap) files = realloc(files, (cap *= 2) * sizeof *files);
        struct file *f = &files[n++];
        snprintf(f->name, sizeof f->name, "%s", e->d_name);
        int fd = openat(sfd, f->name, O_RDONLY);
        struct stat st;
        if (fd < 0 || fstat(fd, &st) != 0) die("read source");
        f->len = st.st_size;
        f->data = malloc(f->len);
        if (read(fd, f->data, f->len) != (ssize_t)f->len) die("read");
        close(fd);
    }
    qsort(files, n, sizeof *files, cmp);
    int dfd = open(argv[2], O_RDONLY | O_DIRECTORY);
    if (dfd < 0) die("open state dir");
    char tmp[300];
    pid_t pid = getpid();  /* unique temporary names per run, as Steward does */
    double t = now();
    for (size_t i = 0; i < n; i++) {
        snprintf(tmp, sizeof tmp, ".%s.tmp-%d-%zu", files[i].name, (int)pid, i);
        int fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0) die("create");
        if (write(fd, files[i].data, files[i].len) != (ssize_t)files[i].len) die("write");
        if (naive && fsync(fd) != 0) die("fsync");
        close(fd);
        if (naive) {
            if (renameat(dfd, tmp, dfd, files[i].name) != 0) die("rename");
            if (fsync(dfd) != 0) die("fsync dir");
        }
    }
    if (!naive) {
        if (syncfs(dfd) != 0) die("syncfs");
        for (size_t i = 0; i < n; i++) {
            snprintf(tmp, sizeof tmp, ".%s.tmp-%d-%zu", files[i].name, (int)pid, i);
            if (renameat(dfd, tmp, dfd, files[i].name) != 0) die("rename");
        }
        if (fsync(dfd) != 0) die("fsync dir");
    }
    printf("%.4f\n", now() - t);
    return 0;
}
