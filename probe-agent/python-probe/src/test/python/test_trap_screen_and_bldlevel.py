"""The probe's readers of kernel trap screens and BLDLEVEL output: what they read (the same
rules as the Java TrapScreenParser and BldlevelOutputParser, which Os2ReadersCrossCheckIntegrationTests
holds them to on the real corpus), and that no garbled, cut or changed artefact makes them, or
inspect as a whole, fail with anything but "not read"."""

import os
import random
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.normpath(os.path.join(HERE, "..", "..", "main", "python")))

import shimwatch_probe as probe  # noqa: E402

CORPUS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "contract", "src", "test",
                                       "resources", "os2corpus"))


def trap(text):
    return probe.parse_trap_screen(probe.text_lines(text))


def bldlevel(text):
    return probe.parse_bldlevel_output(probe.text_lines(text))


def inspect(text, name="pasted.txt"):
    return probe.inspect_bytes(name, text.encode("latin-1"))


WARP452 = (
    "Exception in module: OS2KRNL\n"
    "TRAP 000e       ERRCD=0002  ERACC=****  ERLIM=********\n"
    "EAX=00000001  EBX=00000000  ECX=00000000  EDX=00000000\n"
    "CS:EIP=0168:fff3cd2e  CSACC=c09b  CSLIM=ffffffff\n"
    "The system detected an internal processing error at\n"
    "location ##0168:fff1e3f3 - 000e:c3f3.\n"
    "60000, 9084\n"
    "068606a0\n"
    "Internal revision 14.097_UNI\n"
)


class TrapScreenMessagesTests(unittest.TestCase):

    def test_a_driver_message_wrapped_onto_two_lines_is_one_message(self):
        t = trap("The system detected an internal processing error at location ##1200: 04ba\n"
                 "- 0002:04ba.\n65535,9051\nFAT32:FSH_FORCENOSWAP on DATA\n"
                 "Segment failed, rc=8\n")

        self.assertEqual(["FAT32:FSH_FORCENOSWAP on DATA Segment failed, rc=8"], t["messages"])
        self.assertEqual("1200:04ba", t["detectedAt"])
        self.assertEqual("0002:04ba", t["detectedAtObjectOffset"])
        self.assertEqual(["65535, 9051"], t["internalCodes"])

    def test_the_kernels_own_sentences_are_not_messages_and_two_apart_stay_two(self):
        t = trap(WARP452 + "Exception while in kernel mode\n\n"
                 "Device driver XYZ.SYS reported a failure\n")

        self.assertEqual(["Exception while in kernel mode",
                          "Device driver XYZ.SYS reported a failure"], t["messages"])

    def test_no_message_before_the_trap_line_or_the_location(self):
        t = trap("Some words typed before it\nTRAP 000d ERRCD=0000\n")

        self.assertEqual([], t["messages"])

    def test_a_line_a_person_typed_for_what_they_left_out_is_not_a_message(self):
        t = trap("TRAP 000d ERRCD=0000\n<register contents not copied here>\n")

        self.assertEqual([], t["messages"])

    def test_at_most_eight_messages_each_cut_to_200_characters(self):
        lines = ["TRAP 0008"]
        for k in range(12):
            lines.append("")
            lines.append("message number %d %s" % (k, "x" * 300))
        t = trap("\n".join(lines))

        self.assertEqual(8, len(t["messages"]))
        self.assertEqual(200, len(t["messages"][0]))

    def test_a_quoted_reply_wrapped_after_quoting_reads_its_rests_as_part_of_the_line(self):
        parts = inspect("> TRAP 000e ERRCD=0002 ERACC=**** ERLIM=********\n"
                        "> The system detected an internal processing error at location\n"
                        "##0168:fff1e3f3 - 000e:c3f3.\n"
                        "> Internal revision 14.097_UNI\n")

        self.assertEqual("trap-screen", parts[0]["kind"])
        self.assertEqual("0168:fff1e3f3", parts[0]["detectedAt"])
        self.assertEqual("000e:c3f3", parts[0]["detectedAtObjectOffset"])


class TrapScreenFieldsTests(unittest.TestCase):

    def test_error_code_code_address_and_codes_of_a_32_bit_screen(self):
        t = trap(WARP452)

        self.assertEqual("0002", t["errorCode"])
        self.assertEqual("0168:fff3cd2e", t["codeAddress"])
        self.assertEqual("fff3cd2e", t["trap"]["faultAddress"])
        self.assertEqual("0168:fff1e3f3", t["detectedAt"])
        self.assertEqual(["60000, 9084", "068606a0"], t["internalCodes"])
        self.assertEqual("14.097_UNI", t["trap"]["revision"])
        self.assertFalse("revisionDate" in t)

    def test_the_revision_date_of_older_kernels(self):
        t = trap("TRAP 000e ERRCD=0000\nInternal revision 8.200, 94/11/07\n")

        self.assertEqual("8.200", t["trap"]["revision"])
        self.assertEqual("94/11/07", t["revisionDate"])

    def test_the_code_address_of_a_16_bit_screen_from_cs_and_ip(self):
        t = trap("TRAP 000d\nAX=0000 BX=0000 CS=0df0 IP=2716 ERRCD=000\n")

        self.assertEqual("0df0:2716", t["codeAddress"])
        self.assertEqual("00002716", t["trap"]["faultAddress"])
        self.assertEqual("000", t["errorCode"])

    def test_no_code_address_when_cs_is_not_a_selector(self):
        t = trap("TRAP 000d\nCS=01:02 IP=2716\n")

        self.assertFalse("codeAddress" in t)
        self.assertFalse("faultAddress" in t["trap"])

    def test_text_without_trap_line_module_or_location_is_not_read(self):
        self.assertRaises(probe.ArtefactError, trap,
                          "EAX=00000001  EBX=80010002\nThe system is stopped.\n")


SIGNATURE_80 = ("Signature:       @#IBM:14.106#@##1## 2011/11/23 14:01:06      IBM::EN:US:::@@SMP\n"
                " doscall1.dll\n")


class BldlevelTests(unittest.TestCase):

    def test_the_command_the_banner_and_the_labelled_lines(self):
        out = bldlevel("[C:\\OS2\\DLL]bldlevel C:\\OS2\\DLL\\DOSCALL1.DLL\n"
                       "Build Level Display Facility Version 6.12.675 Sep 25 2001\n"
                       "(C) Copyright IBM Corporation 1993-2001\n" + SIGNATURE_80
                       + "Vendor:          IBM\nRevision:        14.106\n"
                       "Date/Time:       2011/11/23 14:01:06\nBuild Machine:   IBM\n"
                       "Language Code:   EN\nCountry Code:    US\nFile Version:    14.106\n"
                       "Description:     SMP doscall1.dll\n")

        self.assertEqual([{"fileName": "DOSCALL1.DLL", "vendor": "IBM", "version": "14.106",
                           "date": "2011/11/23 14:01:06", "description": "SMP doscall1.dll",
                           "fileVersion": "14.106", "buildMachine": "IBM",
                           "languageCode": "EN", "countryCode": "US"}], out["modules"])

    def test_a_signature_wrapped_at_80_columns_goes_on_on_the_next_line(self):
        out = bldlevel(SIGNATURE_80)

        self.assertEqual("SMP doscall1.dll", out["modules"][0]["description"])
        self.assertEqual("2011/11/23 14:01:06", out["modules"][0]["date"])

    def test_the_extended_signature_alone_gives_machine_asd_language_country_and_fixpak(self):
        out = bldlevel("Signature: @#SLAInc:0.01.2a#@##1## 11/25/2003 12:00:00 "
                       "SLAMain:ASD:EN:US:3:U:8101@@ Sample\n")

        self.assertEqual({"vendor": "SLAInc", "version": "0.01.2a", "description": "Sample",
                          "date": "11/25/2003 12:00:00", "buildMachine": "SLAMain",
                          "asdFeatureId": "ASD", "languageCode": "EN", "countryCode": "US",
                          "fixpakVersion": "8101"}, out["modules"][0])

    def test_without_a_banner_the_command_still_names_the_file(self):
        out = bldlevel("[C:\\]BLDLEVEL \\os2krnl\nSignature:   @#IBM:9.23#@  IBM OS/2 Kernel\n"
                       "Vendor:      IBM\nRevision:    9.23\nDescription: IBM OS/2 Kernel\n")

        self.assertEqual([{"fileName": "os2krnl", "vendor": "IBM", "version": "9.23",
                           "description": "IBM OS/2 Kernel"}], out["modules"])

    def test_several_runs_and_a_plain_description_string(self):
        out = bldlevel("[D:\\PYTHON23]bldlevel python23.dll\n"
                       "Signature:       Python 2.3 Core DLL\n\n"
                       "Signature:       @#IBM:6.3004#@##1## 12 Oct 2004     "
                       "IBM-DEV1::EN:US:0:U:@@AF_INET\n"
                       "Signature: @#IBM:6.3005#@ SOCKETS.SYS@@Sockets driver\nVendor: IBM\n")

        self.assertEqual(["python23.dll", None, None],
                         [m.get("fileName") for m in out["modules"]])
        self.assertEqual(["Python 2.3 Core DLL", "AF_INET", "Sockets driver"],
                         [m.get("description") for m in out["modules"]])
        self.assertEqual("12 Oct 2004", out["modules"][1]["date"])

    def test_a_field_a_mail_client_wrapped_is_joined_and_a_cut_signature_is_no_description(self):
        out = bldlevel("Signature:       @#Mimikri\nVendor:          Mimikri\nSoftware\n"
                       "Uniprocessor only\n")

        self.assertEqual({"vendor": "Mimikri Software"}, out["modules"][0])

    def test_output_without_any_field_is_not_read(self):
        self.assertRaises(probe.ArtefactError, bldlevel,
                          "[C:\\]bldlevel x.dll\nSYS0002: file not found\n")

    def test_inspect_reads_bldlevel_among_other_pasted_artefacts(self):
        parts = inspect("[C:\\]ver /r\n\nThe Operating System/2 Version is 4.50\n"
                        "[C:\\]bldlevel c:\\mptn\\dll\\tcpip32.dll\n"
                        "Signature:       @#IBM:6.3004#@ TCP/IP Sockets 32-bit\n"
                        "Python 2.2 (#0, Dec 24 2001, 18:42:48) [EMX GCC 2.8.1] on os2emx\n"
                        "Vendor: Somebody Else\n")

        self.assertEqual(["ver-output", "bldlevel-output", "python-banner"],
                         [p["kind"] for p in parts])
        self.assertEqual([{"fileName": "tcpip32.dll", "vendor": "IBM", "version": "6.3004"}],
                         parts[1]["modules"])


class FoundByTheChangedCorpusTests(unittest.TestCase):
    """Where the changed corpus found the Python readers reading otherwise than the Java ones."""

    def test_a_popuplog_header_wrapped_before_its_slot_does_not_name_the_process_by_the_slot(self):
        entry = probe.parse_popuplog(probe.text_lines(
            "07-30-2015  08:53:02  SYS3175  PID 1bb0  TID 0016  Slot\n00a0\n"
            "W:\\FIREFOX\\FIREFOX.EXE\nc0000005\n"))[0]

        self.assertEqual("FIREFOX.EXE", entry["trap"]["process"]["name"])

    def test_every_statement_the_java_reader_knows_makes_config_sys(self):
        for line in ("RESERVEDRIVELETTER=R", "BREAK=OFF", "SHELL=C:\\COMMAND.COM",
                     "CLOCKSCALE=2", "NDWTIMER=OFF"):
            parts = inspect("REM cut after the first statement\n" + line + "\n")
            self.assertEqual(["config-sys"], [p["kind"] for p in parts], line)

    def test_no_break_spaces_of_a_page_copied_from_a_browser_are_blanks(self):
        out = bldlevel("[C:\\]BLDLEVEL \\os2krnl\nSignature:\u00a0@#IBM:9.23#@\u00a0 IBM OS/2 Kernel\n"
                       "Revision:\u00a0\u00a0\u00a09.23\nDescription:\u00a0IBM\u00a0OS/2 Kernel\n")

        self.assertEqual([{"fileName": "os2krnl", "vendor": "IBM", "version": "9.23",
                           "description": "IBM OS/2 Kernel"}], out["modules"])
        self.assertEqual(["Revision:   9.23"], probe.text_lines("Revision:\u00a0\u00a0\u00a09.23"))

    def test_text_of_white_space_only_is_one_part_not_read(self):
        parts = inspect("  \n\t\n")

        self.assertEqual(1, len(parts))
        self.assertTrue("problem" in parts[0])


# Changes an artefact meets on its way: the contract's corpus mutation tests make the same ones.
def _lines(text):
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _wrap(text, r):
    width = r.randint(10, 79)
    out = []
    for line in _lines(text):
        rest = line
        while len(rest) > width:
            cut = rest.rfind(" ", 0, width + 1)
            if cut <= 0:
                break
            out.append(rest[:cut])
            rest = rest[cut + 1:]
        out.append(rest)
    return "\n".join(out)


def _truncate(text, r):
    lines = _lines(text)
    return "\n".join(lines[:r.randint(1, len(lines))])


def _cut_mid_line(text, r):
    return text[:r.randint(0, len(text))]


def _quote(text, r):
    prefix = "> " * r.randint(1, 3)
    return "\n".join([prefix + line for line in _lines(text)])


def _blank_lines(text, r):
    out = []
    for line in _lines(text):
        if r.randint(0, 3) == 0:
            out.append("")
        out.append(line + " " * r.randint(0, 2))
    return "\n".join(out)


def _garble(text, r):
    chars = list(text)
    for _ in range(r.randint(1, 12)):
        if not chars:
            break
        chars[r.randrange(len(chars))] = r.choice("#@:=-,.<>/\\ \t0123456789abcdefXYZ\u00e4\u2550")
    return "".join(chars)


def _shuffle_lines(text, r):
    lines = _lines(text)
    r.shuffle(lines)
    return "\n".join(lines)


def _crlf(text, r):
    return "\r\n".join(_lines(text))


CHANGES = [_wrap, _truncate, _cut_mid_line, _quote, _blank_lines, _garble, _shuffle_lines, _crlf]


def _corpus():
    found = []
    for folder in sorted(os.listdir(CORPUS)):
        d = os.path.join(CORPUS, folder)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if not name.endswith(".expected") and not name.startswith("."):
                f = open(os.path.join(d, name), "rb")
                try:
                    found.append((folder + "/" + name, f.read().decode("latin-1")))
                finally:
                    f.close()
    return found


class BadInputNeverFailsTests(unittest.TestCase):
    """A garbled, cut or changed artefact is "not read" or gives fewer fields, never an error."""

    ROUNDS = 30

    def assert_reads_or_refuses(self, reader, text, what):
        lines = probe.text_lines(text)
        lines, rests = probe.without_quote_prefix(lines)
        try:
            reader(lines, rests)
        except probe.ArtefactError:
            pass
        except Exception:
            self.fail("%s failed on %s: %r" % (reader.__name__, what, sys.exc_info()[1]))

    def test_the_changed_corpus_never_makes_a_reader_or_inspect_fail(self):
        corpus = _corpus()
        self.assertTrue(len(corpus) >= 45, "the corpus beside this module: %s" % CORPUS)
        r = random.Random(20261206)
        read = 0
        for name, text in corpus:
            for round_ in range(self.ROUNDS):
                changed = text
                applied = []
                for _ in range(r.randint(1, 3)):
                    change = r.choice(CHANGES)
                    changed = change(changed, r)
                    applied.append(change.__name__)
                what = "%s %s (round %d)" % (name, applied, round_)
                for reader in (probe.parse_trap_screen, probe.parse_bldlevel_output):
                    self.assert_reads_or_refuses(reader, changed, what)
                try:
                    parts = probe.inspect_bytes(name.split("/")[1],
                                                changed.encode("utf-8"))
                except Exception:
                    self.fail("inspect failed on %s: %r" % (what, sys.exc_info()[1]))
                self.assertTrue(parts, what)
                for p in parts:
                    if p["kind"] in ("trap-screen", "bldlevel-output") and "problem" not in p:
                        read = read + 1
        # The changes leave most screens and BLDLEVEL outputs readable: the loop read them.
        self.assertTrue(read > 200, read)

    def test_random_bytes_and_fragments_of_both_formats_never_fail(self):
        r = random.Random(7)
        pieces = ["TRAP", "000e", "ERRCD=", "CS:EIP=", "0168:", "fff3cd2e", "##", "location",
                  "Exception in module:", "Internal revision", "14.097_UNI", ", 94/11/07",
                  "internal processing error", "-", "000e:c3f3.", "<", ">", "60000, 9084",
                  "Signature:", "@#", "#@", "##1##", "@@", ":", "Vendor:", "Revision:",
                  "Date/Time:", "bldlevel", "[C:\\]", "Build Level Display Facility", "\n",
                  "\n", " ", " ", "\t", "x" * 90, "\u00e4", "\x1a"]
        for k in range(3000):
            text = "".join([r.choice(pieces) for _ in range(r.randint(0, 40))])
            for reader in (probe.parse_trap_screen, probe.parse_bldlevel_output):
                self.assert_reads_or_refuses(reader, text, repr(text))
            data = text.encode("utf-8")
            if k % 3 == 0:
                data = bytes(bytearray([r.randint(0, 255) for _ in range(r.randint(0, 300))]))
            try:
                probe.inspect_bytes("pasted.txt", data)
            except Exception:
                self.fail("inspect failed on %r: %r" % (data, sys.exc_info()[1]))

    def test_empty_and_blank_input_is_not_read(self):
        for text in ("", "\n\n", "   \t\n"):
            for reader in (probe.parse_trap_screen, probe.parse_bldlevel_output):
                self.assertRaises(probe.ArtefactError, reader, probe.text_lines(text))


if __name__ == "__main__":
    unittest.main()
