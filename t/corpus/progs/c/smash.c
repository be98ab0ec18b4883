#include <string.h>
#include <stdio.h>
static void copy(const char *s) {
    char buf[8];
    strcpy(buf, s);
    printf("%s\n", buf);
}
int main(int argc, char **argv) {
    (void)argv;
    copy(argc > 5 ? "x" : "this string is much longer than eight bytes");
    return 0;
}
