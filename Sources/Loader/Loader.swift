import Shards
