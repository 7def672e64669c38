"""Vietnamese text handling: matching keys, encoding repair, sentence segmentation."""
