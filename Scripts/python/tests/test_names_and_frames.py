"""Group names, dates and the tidy table, on the committed weekly fixture (no Swift build needed)."""

import json
import os
import shutil
import sys
import tempfile
import unittest

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import icews_shards  # noqa: E402

WEEKLY = os.path.join(HERE, "fixtures", "weekly-sample")


def weekday(dates):
    """0 = Monday … 6 = Sunday, for datetime64[D] or ISO strings."""
    return (np.asarray(dates, dtype="datetime64[D]").astype(np.int64) + 3) % 7


class PeriodDates(unittest.TestCase):
    def test_days_count_from_calendar_start(self):
        got = icews_shards.period_dates({"calendar_start": "2021-03-01"}, [0, 1, 40])
        np.testing.assert_array_equal(got, np.array(["2021-03-01", "2021-03-02", "2021-04-10"], "datetime64[D]"))

    def test_weeks_start_on_mondays_seven_days_apart(self):
        got = icews_shards.period_dates({"calendar_start": "2013-12-30", "period": "week"}, [0, 1, 2, 53])
        want = np.array(["2013-12-30", "2014-01-06", "2014-01-13", "2015-01-05"], "datetime64[D]")
        np.testing.assert_array_equal(got, want)

    def test_months_are_calendar_months_across_years(self):
        got = icews_shards.period_dates({"calendar_start": "2014-11-01", "period": "month"}, [0, 1, 2, 3, 15])
        want = np.array(["2014-11-01", "2014-12-01", "2015-01-01", "2015-02-01", "2016-02-01"], "datetime64[D]")
        np.testing.assert_array_equal(got, want)

    def test_an_unknown_period_is_an_error_naming_it(self):
        with self.assertRaises(icews_shards.ShardError) as caught:
            icews_shards.period_dates({"calendar_start": "2014-11-01", "period": "fortnight"}, [0])
        self.assertIn("'fortnight'", str(caught.exception))


class NamesFromTheManifest(unittest.TestCase):
    def test_keys_true_still_returns_windows_and_integer_keys(self):
        result = icews_shards.read_split(WEEKLY, "valid", keys=True)
        self.assertEqual(len(result), 2)
        windows, keys = result
        self.assertEqual(keys.dtype, np.int64)
        self.assertEqual(keys.shape, (len(windows), 2))

    def test_names_give_group_names_and_iso_start_dates(self):
        windows, groups, starts = icews_shards.read_split(WEEKLY, "valid", names=True)
        self.assertEqual((len(groups), len(starts)), (len(windows), len(windows)))
        # `icews inspect Scripts/python/tests/fixtures/weekly-sample --split valid --index 5`:
        self.assertEqual((groups[5], starts[5]), ("China", "2016-05-16"))
        self.assertTrue(all(len(s) == 10 and s[4] == "-" for s in starts))
        self.assertTrue(np.all(weekday(starts) == 0), "weekly windows start on Mondays")
        self.assertTrue(np.all((starts > "2015-12-27") & (starts <= "2016-12-25")), "inside the valid range")
        self.assertEqual(sorted(set(groups)), sorted(icews_shards.read_manifest(WEEKLY)["groups"]))

    def test_keys_and_names_together_agree(self):
        windows, keys, groups, starts = icews_shards.read_split(WEEKLY, "test", keys=True, names=True)
        manifest = icews_shards.read_manifest(WEEKLY)
        self.assertEqual(list(groups), [manifest["groups"][g] for g in keys[:, 0]])
        week_after = np.asarray(starts, "datetime64[D]")[1:] - np.asarray(starts, "datetime64[D]")[:-1]
        same_group = keys[1:, 0] == keys[:-1, 0]
        stride = manifest["transforms"]["window"]["stride"]
        self.assertTrue(np.all(week_after[same_group] == np.timedelta64(7 * stride, "D")))
        np.testing.assert_array_equal(windows, icews_shards.read_split(WEEKLY, "test"))


class TidyTable(unittest.TestCase):
    def test_one_row_per_window_step_with_named_feature_columns(self):
        windows, groups, starts = icews_shards.read_split(WEEKLY, "train", names=True)
        n, t, f = windows.shape
        table = icews_shards.frames(WEEKLY, "train")
        features = icews_shards.read_manifest(WEEKLY)["feature_names"]
        self.assertEqual(list(table), list(icews_shards.KEY_COLUMNS) + features)
        self.assertTrue(all(len(column) == n * t for column in table.values()))
        np.testing.assert_array_equal(table["window"], np.repeat(np.arange(n), t))
        np.testing.assert_array_equal(table["step"], np.tile(np.arange(t), n))
        np.testing.assert_array_equal(table["group"], np.repeat(groups, t))
        step_days = np.asarray(table["date"] - np.repeat(np.asarray(starts, "datetime64[D]"), t), dtype=np.int64)
        np.testing.assert_array_equal(step_days, 7 * table["step"])
        for i, name in enumerate(features):
            self.assertEqual(table[name].dtype, np.float32)
            np.testing.assert_array_equal(table[name], windows[:, :, i].reshape(-1))

    def edited_copy(self, edit):
        """A copy of the weekly fixture whose manifest.json went through `edit` (removed after the test)."""
        tmp = tempfile.mkdtemp(prefix="icews-py-")
        self.addCleanup(shutil.rmtree, tmp)
        copy = os.path.join(tmp, "shards")
        shutil.copytree(WEEKLY, copy)
        with open(os.path.join(copy, "manifest.json")) as f:
            manifest = json.load(f)
        edit(manifest)
        with open(os.path.join(copy, "manifest.json"), "w") as f:
            json.dump(manifest, f)
        return copy

    def test_a_feature_named_like_a_key_column_is_an_error(self):
        copy = self.edited_copy(lambda m: m["feature_names"].__setitem__(0, "date"))
        with self.assertRaises(icews_shards.ShardError) as caught:
            icews_shards.frames(copy, "train")
        self.assertIn("['date']", str(caught.exception))

    def test_a_split_without_windows_gives_an_empty_table_with_every_column(self):
        copy = self.edited_copy(lambda m: m["splits"]["test"].__setitem__("shards", []))
        table = icews_shards.frames(copy, "test")
        self.assertEqual(len(table), 4 + 5)
        self.assertTrue(all(len(column) == 0 for column in table.values()))
        _, groups, starts = icews_shards.read_split(copy, "test", names=True)
        self.assertEqual((len(groups), len(starts)), (0, 0))

    def test_to_pandas_is_the_same_table_or_says_how_to_get_it(self):
        try:
            import pandas
        except ImportError:
            with self.assertRaises(ImportError) as caught:
                icews_shards.to_pandas(WEEKLY, "valid")
            self.assertIn("frames(path, split)", str(caught.exception))
            return
        frame = icews_shards.to_pandas(WEEKLY, "valid")
        table = icews_shards.frames(WEEKLY, "valid")
        self.assertEqual(list(frame.columns), list(table))
        self.assertEqual(list(frame["group"].cat.categories), icews_shards.read_manifest(WEEKLY)["groups"])
        np.testing.assert_array_equal(frame["group"].astype(str).to_numpy(), table["group"])
        np.testing.assert_array_equal(frame["date"].to_numpy().astype("datetime64[D]"), table["date"])
        for name in list(table)[2:]:
            np.testing.assert_array_equal(frame[name].to_numpy(), table[name])
        self.assertIsInstance(frame, pandas.DataFrame)


if __name__ == "__main__":
    unittest.main()
