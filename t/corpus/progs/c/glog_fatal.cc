#include <glog/logging.h>
int main(int argc, char **argv) {
    FLAGS_logtostderr = true;
    google::InitGoogleLogging(argv[0]);
    LOG(INFO) << "loading model weights";
    LOG(FATAL) << "Weights file truncated (expected 4096 bytes, got 17)";
    return 0;
}
