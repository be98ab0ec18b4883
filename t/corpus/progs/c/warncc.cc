#include <memory>
#include <cstdio>
class Base { public: virtual void f() {} };
class Derived : public Base { public: void f() {} };
int main() {
    Base *b = new Derived;
    delete b;
    int arr[3] = {0, 1, 2};
    unsigned u = 1;
    int i = -1;
    if (i < u) std::puts("cmp");
    std::auto_ptr<int> p(new int(1));
    return arr[0];
}
