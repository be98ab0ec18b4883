#include <assert.h>
#include <stdio.h>
static int queue_len = -1;
int main(void) {
    assert(queue_len >= 0 && "queue length must not be negative");
    return 0;
}
