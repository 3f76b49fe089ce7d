"""The OS/2 release the probe names from SYSLEVEL.OS2's current CSD level: Warp 4.5x all say
version 4.50 there and in ver, and only the level tells 4.51 from 4.52 or names eComStation when
its own SYSLEVEL.ECS is not read. The Java DiagnosticsFold gives the same answers."""

import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.normpath(os.path.join(HERE, "..", "..", "main", "python")))

import shimwatch_probe as probe  # noqa: E402


def base(csd):
    return probe.syslevel_entry("SYSLEVEL.OS2", "IBM OS/2 Base Operating System", "4.50",
                                "5639A6100", "0", csd, csd)


def os_of(entries, ver="4.50"):
    facts = {"syslevel": entries}
    if ver is not None:
        facts["ver"] = probe.parse_ver(["The Operating System/2 Version is %s " % ver])
    return probe.os2_environment_from(facts)["os"]


class Os2ReleaseTests(unittest.TestCase):

    def test_the_level_tells_451_from_452(self):
        self.assertEqual(("OS/2 Warp 4", "4.51"), self._named(os_of([base("XR04501")])))
        self.assertEqual(("OS/2 Warp 4", "4.52"), self._named(os_of([base("XR04502")])))
        self.assertEqual(("OS/2 Warp Server for e-business", "4.52"),
                         self._named(os_of([base("XR04503")], ver=None)))

    def test_an_unknown_level_keeps_the_files_version(self):
        self.assertEqual(("OS/2 Warp 4", "4.50"), self._named(os_of([base("XR04500")])))

    def test_ecomstations_level_names_it_without_taking_vers_version(self):
        os_info = os_of([base("XR0C004")])
        self.assertEqual("eComStation", os_info["name"])
        self.assertNotIn("version", os_info)

    def test_ecomstations_own_syslevel_still_gives_its_version(self):
        ecs = probe.syslevel_entry("SYSLEVEL.ECS", "eComStation", "1.20", "5639A6100", "0",
                                   "XR0C004", "XR0C004")
        self.assertEqual(("eComStation", "1.2"), self._named(os_of([base("XR0C004"), ecs])))

    def _named(self, os_info):
        return (os_info.get("name"), os_info.get("version"))


if __name__ == "__main__":
    unittest.main()
