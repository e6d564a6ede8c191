/* The plain native loop the kernel is measured against: one add, one compare, one branch per count. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv) {
  long long n = argc > 1 ? atoll(argv[1]) : 1000000000LL;
  struct timespec start, end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  long long count = 0;
  while (count < n) {
    count += 1;
    /* Keeps the compiler from replacing the loop by its result. */
    __asm__ volatile("" : "+r"(count));
  }
  clock_gettime(CLOCK_MONOTONIC, &end);
  double ns = (double)(end.tv_sec - start.tv_sec) * 1e9 + (double)(end.tv_nsec - start.tv_nsec);
  printf("%lld %.4f\n", count, ns / (double)n);
  return count == n ? 0 : 1;
}
