#include <iostream>
#include <vector>
#include <string>
#include <map>

template <typename T> T add(T a, T b) { return a + b; }

int main() {
    std::vector<int> v{1, 2, 3};
    std::map<std::string, int> m;
    m[1] = 2;
    cout << add(1, 2.0) << std::endl;
    for (int i = 0; i < v.size(); i++) {}
    std::string s = v;
    return 0;
}
