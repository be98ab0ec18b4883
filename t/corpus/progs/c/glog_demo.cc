#include <glog/logging.h>
#include <vector>
int main(int argc, char **argv) {
    FLAGS_logtostderr = true;
    FLAGS_v = 2;
    google::InitGoogleLogging(argv[0]);
    LOG(INFO) << "Starting shard server, shards=4";
    VLOG(1) << "shard 0 opened /tmp/shard0";
    VLOG(2) << "shard 0 index has 1024 entries";
    LOG(WARNING) << "Shard 3 replica lagging by 12s";
    LOG(ERROR) << "Failed to flush shard 2: No space left on device";
    LOG(INFO) << "Compaction done, error_count=0";
    std::vector<int> v;
    CHECK_EQ(v.size(), 1u) << "shard list must not be empty";
    return 0;
}
