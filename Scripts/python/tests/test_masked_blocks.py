"""The Python reader's decoding of masked blocks (format version 2), on bytes built by hand."""

import os
import sys
import unittest

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))

import icews_shards  # noqa: E402

F32 = np.dtype("<f4")


def masked_bytes(reference, windows):
    """A block's decoded bytes: the reference window, LSB-first masks per row, the differing values."""
    reference, windows = np.asarray(reference, F32), np.asarray(windows, F32)
    differs = windows.view(np.uint32) != reference.view(np.uint32)[None]
    masks = np.packbits(differs.reshape(-1, reference.shape[1]), axis=1, bitorder="little")
    return reference.tobytes() + masks.tobytes() + windows[differs].tobytes()


class MaskedBlocks(unittest.TestCase):
    def setUp(self):
        self.reference = np.zeros((2, 5), F32)
        self.reference[0] = [0.5, -1, 0, 2, 0]
        self.windows = np.repeat(self.reference[None], 3, axis=0)
        self.windows[0, 1, 4] = 7
        self.windows[2, 0, 2] = -0.0  # the same float as the reference's 0, not the same bits

    def test_windows_come_back_bit_for_bit(self):
        raw = masked_bytes(self.reference, self.windows)
        self.assertEqual(len(raw), 40 + 3 * 2 * 1 + 2 * 4)
        out = icews_shards._unmask(raw, 3, 2, 5, F32, "here")
        np.testing.assert_array_equal(out.view(np.uint32), self.windows.reshape(-1).view(np.uint32))

    def test_masks_that_disagree_with_the_values_are_damage(self):
        raw = bytearray(masked_bytes(self.reference, self.windows))
        raw[40 + 1] |= 1  # window 0, row 1 claims one more value than the block holds
        with self.assertRaisesRegex(icews_shards.ShardError, "here: masks mark 3 stored values, the block holds 2"):
            icews_shards._unmask(bytes(raw), 3, 2, 5, F32, "here")

    def test_padding_bits_and_impossible_sizes_are_damage(self):
        raw = bytearray(masked_bytes(self.reference, self.windows))
        raw[40] |= 1 << 6  # only bits 0-4 name features
        with self.assertRaisesRegex(icews_shards.ShardError, "past the last feature"):
            icews_shards._unmask(bytes(raw), 3, 2, 5, F32, "here")
        with self.assertRaisesRegex(icews_shards.ShardError, "not a masked block of 3 windows"):
            icews_shards._unmask(bytes(raw[:-2]), 3, 2, 5, F32, "here")


if __name__ == "__main__":
    unittest.main()
