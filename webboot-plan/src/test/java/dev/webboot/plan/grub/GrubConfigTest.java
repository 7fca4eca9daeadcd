package dev.webboot.plan.grub;

import static dev.webboot.plan.ImageTrees.image;
import static dev.webboot.plan.ImageTrees.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webboot.api.plan.BootEntry;
import dev.webboot.api.plan.BootMedium;
import dev.webboot.iso.MalformedImageException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrubConfigTest {
    @TempDir
    Path root;

    private List<BootEntry> run(String config) throws IOException {
        write(root, "/boot/grub/grub.cfg", config);
        write(root, "/k", "kernel");
        return GrubConfig.read(image(root), "/boot/grub/grub.cfg");
    }

    private String cmdline(String linuxArgs) throws IOException {
        return run("menuentry t {\n linux /k " + linuxArgs + "\n}\n").get(0).cmdline();
    }

    @Test
    void quotingFollowsGrubRules() throws IOException {
        String config = "set a='x y'\nset b=\"q\\\"q\"\n"
                + "menuentry \"Title $a\" {\n"
                + "  linux /k \"$a\" $a 'lit $a' \\$a a\\ b $b \"${a}z\" pre${a}post \"\" ''\n"
                + "}\n";
        List<BootEntry> entries = run(config);
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).title()).isEqualTo("Title x y");
        // "x y" stays one argument (GRUB re-quotes it), $a unquoted splits, single quotes keep $a literal.
        assertThat(entries.get(0).cmdline())
                .isEqualTo("\"x y\" x y \"lit $a\" $a \"a b\" q\\\"q \"x yz\" prex ypost  ");
    }

    @Test
    void doubleQuotesOnlyEscapeDollarQuoteAndBackslash() throws IOException {
        assertThat(cmdline("\"a\\nb\" \"c\\$d\" \"e\\\\f\"")).isEqualTo("a\\\\nb c$d e\\\\f");
    }

    @Test
    void unquotedEmptyVariableVanishesQuotedOneStays() throws IOException {
        assertThat(cmdline("a $nothing b \"$nothing\" c")).isEqualTo("a b  c");
    }

    @Test
    void lineContinuationAndCommentsAndSemicolons() throws IOException {
        List<BootEntry> entries = run("# comment\nset x=1; set y=2 # trailing\n"
                + "menuentry one { linux /k x=$x \\\n  y=$y; initrd /i1 /i2 }\n");
        assertThat(entries.get(0).cmdline()).isEqualTo("x=1 y=2");
        assertThat(entries.get(0).initrds()).containsExactly("/i1", "/i2");
    }

    @Test
    void nestedIfsWithElifElseAndTestOperators() throws IOException {
        write(root, "/casper/vmlinuz", "k");
        String config = "set v=5\n"
                + "if [ -e /casper/vmlinuz ]; then\n"
                + "  if [ \"$v\" -gt 7 ]; then set r=big\n"
                + "  elif [ $v -ge 5 -a ! -z \"$v\" ]; then\n"
                + "    if [ -d /casper -o -f /missing ]; then set r=mid-dir; else set r=mid; fi\n"
                + "  else set r=small; fi\n"
                + "else\n  set r=none\nfi\n"
                + "if test -n \"\" ; then set s=wrong; elif [ x != x ]; then set s=wrong2; else set s=ok; fi\n"
                + "if [ -f /casper ]; then set f=wrong; else set f=ok; fi\n"
                + "if [ ( a = b ) -o ( c == c ) ]; then set p=ok; fi\n"
                + "if [ \"${iso_path}\" ] ; then set i=wrong; else set i=ok; fi\n"
                + "menuentry t { linux /k $r $s $f $p $i }\n";
        assertThat(run(config).get(0).cmdline()).isEqualTo("mid-dir ok ok ok ok");
    }

    @Test
    void functionsTakePositionalParametersAndReturn() throws IOException {
        String config =
                "function pick {\n  if [ \"$1\" = yes ]; then set picked=\"$2\"; return 0; fi\n  set picked=no\n"
                        + "  return 1\n}\n"
                        + "function args { set count=$#; set all=\"$@\" }\n"
                        + "pick yes first\nif pick no other; then set status=wrong; else set status=failed; fi\n"
                        + "args a 'b c' d\n"
                        + "menuentry t { linux /k picked=$picked status=$status count=$count \"all=$all\" }\n";
        assertThat(run(config).get(0).cmdline()).isEqualTo("picked=no status=failed count=3 \"all=a b c d\"");
    }

    @Test
    void loopsForAndWhileWithBreak() throws IOException {
        String config = "set acc=\"\"\nfor i in 1 2 3; do set acc=\"${acc}$i\"; done\n"
                + "set n=x\nwhile true; do set n=\"${n}y\"; if [ \"$n\" = xyyy ]; then break; fi; done\n"
                + "menuentry t { linux /k $acc $n }\n";
        assertThat(run(config).get(0).cmdline()).isEqualTo("123 xyyy");
    }

    @Test
    void endlessLoopIsStoppedWithATypedError() {
        assertThatThrownBy(() -> run("while true; do\n set a=b\ndone\n"))
                .isInstanceOf(MalformedImageException.class)
                .hasMessageContaining("/boot/grub/grub.cfg")
                .hasMessageContaining("endless loop");
    }

    @Test
    void aLoopThatGrowsAVariableIsStoppedBeforeItCopiesGigabytes() {
        // Found by the coverage-guided fuzzer: every step copies a value near the 64 KiB cap.
        assertThatThrownBy(() -> run("set a=x\nwhile true; do set a=\"$a$a\"; done\n"))
                .isInstanceOf(MalformedImageException.class)
                .hasMessageContaining("/boot/grub/grub.cfg")
                .hasMessageContaining("value longer than");
        assertThatThrownBy(() -> run("set a=" + "x".repeat(60_000) + "\nwhile true; do set b=\"$a\"; done\n"))
                .isInstanceOf(MalformedImageException.class)
                .hasMessageContaining("more than 16 MiB of text expanded");
    }

    @Test
    void configThatSourcesItselfIsRefused() {
        assertThatThrownBy(() -> run("set a=1\nsource /boot/grub/grub.cfg\n"))
                .isInstanceOf(MalformedImageException.class)
                .hasMessageContaining("/boot/grub/grub.cfg: line 2:")
                .hasMessageContaining("sources itself")
                .hasMessageContaining("byte offset 8");
    }

    @Test
    void mutualSourcingIsRefused() {
        write(root, "/boot/grub/b.cfg", "configfile ($root)/boot/grub/grub.cfg\n");
        assertThatThrownBy(() -> run("source /boot/grub/b.cfg\n"))
                .isInstanceOf(MalformedImageException.class)
                .hasMessageContaining("/boot/grub/b.cfg: line 1:")
                .hasMessageContaining("/boot/grub/grub.cfg -> /boot/grub/b.cfg -> /boot/grub/grub.cfg");
    }

    @Test
    void recursiveFunctionIsCappedNotAStackOverflow() {
        assertThatThrownBy(() -> run("function f { f }\nf\n"))
                .isInstanceOf(MalformedImageException.class)
                .hasMessageContaining("nested deeper");
    }

    @Test
    void deeplyNestedIfsAreRefusedNotAStackOverflow() {
        String config = "if true; then\n".repeat(5000) + "fi\n".repeat(5000);
        assertThatThrownBy(() -> run(config))
                .isInstanceOf(MalformedImageException.class)
                .hasMessageContaining("nested deeper");
    }

    @Test
    void malformedConfigsNameFileLineAndOffset() {
        assertThatThrownBy(() -> run("set a=1\nmenuentry 'open {\n"))
                .isInstanceOf(MalformedImageException.class)
                .hasMessage("/boot/grub/grub.cfg: line 2: unterminated single quote at byte offset 18");
        assertThatThrownBy(() -> run("menuentry x {\n linux /k\n"))
                .hasMessageContaining("line 3: missing } for the block opened on line 1");
        assertThatThrownBy(() -> run("if true; then\nset a=b\n"))
                .hasMessageContaining("expected 'fi' (block opened on line 1) but found end of file");
        assertThatThrownBy(() -> run("fi\n")).hasMessageContaining("line 1: unexpected 'fi'");
        assertThatThrownBy(() -> run("echo ${unterminated\n")).hasMessageContaining("unterminated ${");
    }

    @Test
    void submenusAreFlattenedAndDefaultFollowsThePath() throws IOException {
        String config = "set default='1>1'\n"
                + "menuentry a { linux /k a }\n"
                + "submenu 'Advanced' {\n"
                + "  menuentry b { linux /k b }\n"
                + "  menuentry c --id cid { linux /k c; initrd /i }\n"
                + "}\n";
        List<BootEntry> entries = run(config);
        assertThat(entries)
                .containsExactly(
                        BootEntry.of("a", "/k", List.of(), "a", false),
                        BootEntry.of("Advanced > b", "/k", List.of(), "b", false),
                        BootEntry.of("Advanced > c", "/k", List.of("/i"), "c", true));
    }

    @Test
    void defaultByIdOrTitleAndBareAssignment() throws IOException {
        assertThat(run("default=second\nmenuentry first { linux /k 1 }\nmenuentry x --id second { linux /k 2 }\n"))
                .extracting(BootEntry::isDefault)
                .containsExactly(false, true);
        assertThat(run("set default=\"first\"\nmenuentry first { linux /k 1 }\nmenuentry x { linux /k 2 }\n"))
                .extracting(BootEntry::isDefault)
                .containsExactly(true, false);
    }

    @Test
    void nonLinuxEntriesAreLeftOut() throws IOException {
        String config = "menuentry memtest { linux16 /boot/memtest86+x64.bin }\n"
                + "menuentry 'UEFI shell' { chainloader /shellx64.efi }\n"
                + "menuentry 'Firmware' { fwsetup }\n"
                + "menuentry 'memtest (EFI)' { linux /boot/memtest86+/memtest.efi }\n"
                + "menuentry linux { linuxefi /k x; initrdefi /i }\n";
        assertThat(run(config)).containsExactly(BootEntry.of("linux", "/k", List.of("/i"), "x", false));
    }

    @Test
    void searchProbeAndRegexpAreAnsweredFromTheImage() throws IOException {
        write(root, "/.disk/info", "Ubuntu");
        String config = "search --no-floppy --set=found --file /.disk/info\n"
                + "search --set=bylabel -l TEST_LABEL\n"
                + "if search --file /missing; then set miss=wrong; else set miss=ok; fi\n"
                + "search --fs-uuid --set uuidroot 2024-03-01-12-00-00-00\n"
                + "probe --set u --fs-uuid ($found)\n"
                + "probe --label --set=l $found\n"
                + "regexp --set=1:year --set=2:rest '^([0-9]+)-(.*)$' \"$u\"\n"
                + "if regexp '^x' abc; then set re=wrong; else set re=ok; fi\n"
                + "menuentry t { linux ($found)/k $found $bylabel $miss $uuidroot $u $l $year $rest $re }\n";
        assertThat(run(config).get(0).cmdline())
                .isEqualTo("cd0 cd0 ok cd0 2024-03-01-12-00-00-00 TEST_LABEL 2024 03-01-12-00-00-00 ok");
    }

    @Test
    void searchWithoutSetOnlyReports() throws IOException {
        write(root, "/x", "x");
        String config = "set root=elsewhere\nif search --file /x; then set found=yes; fi\n"
                + "search.file /x hit\nmenuentry t { linux /k $root $found $hit }\n";
        assertThat(run(config).get(0).cmdline()).isEqualTo("elsewhere yes cd0");
    }

    @Test
    void breakOutsideALoopEndsOnlyThatFile() throws IOException {
        write(root, "/boot/grub/part.cfg", "set a=1\nbreak\nset a=2\n");
        assertThat(run("source /boot/grub/part.cfg\nmenuentry t { linux /k $a }\n")
                        .get(0)
                        .cmdline())
                .isEqualTo("1");
    }

    @Test
    void catastrophicRegexpGivesUpInsteadOfHanging() throws IOException {
        String config =
                "if regexp '^(a+)+$' 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab'; then set r=match; else set r=no; fi\n"
                        + "menuentry t { linux /k $r }\n";
        assertThat(run(config).get(0).cmdline()).isEqualTo("no");
    }

    @Test
    void devicePrefixesAreStripped() throws IOException {
        String config =
                "set root=(hd0,gpt2)\nmenuentry t {\n linux ($root)/casper/../k a\n initrd (loop)/i1 ($root)/i2\n}\n";
        assertThat(run(config).get(0)).isEqualTo(BootEntry.of("t", "/k", List.of("/i1", "/i2"), "a", true));
    }

    @Test
    void configfileReplacesTheMenuAndSourceAddsToIt() throws IOException {
        write(root, "/boot/grub/x86_64-efi/extra.cfg", "menuentry extra { linux /k extra }\n");
        write(
                root,
                "/boot/grub/real.cfg",
                "menuentry real { linux /k real }\nsource /boot/grub/x86_64-efi/extra.cfg\n");
        String config = "menuentry stub { linux /k stub }\n"
                + "search --set=root --file /boot/grub/real.cfg\nset prefix=($root)/boot/grub\n"
                + "configfile $prefix/real.cfg\n";
        assertThat(run(config)).extracting(BootEntry::title).containsExactly("real", "extra");
    }

    @Test
    void entryThatLoadsAnotherMenuActsAsASubmenu() throws IOException {
        write(root, "/boot/grub/more.cfg", "menuentry inner { linux /k inner }\n");
        assertThat(run("menuentry 'More...' { configfile /boot/grub/more.cfg }\n"))
                .extracting(BootEntry::title)
                .containsExactly("More... > inner");
    }

    @Test
    void loopbackConfigSeesIsoPathAndTheHostDisk() throws IOException {
        write(root, "/k", "kernel");
        write(
                root,
                "/boot/grub/loopback.cfg",
                "search --no-floppy --set=dev --file \"${iso_path}\"\n"
                        + "probe --set devuuid --fs-uuid \"${dev}\"\n"
                        + "menuentry t {\n linux (loop)/k img_dev=UUID=${devuuid} img_loop=\"${iso_path}\" root=$root\n}\n");
        List<BootEntry> entries = GrubConfig.readLoopback(
                image(root), "/boot/grub/loopback.cfg", new BootMedium.IsoFile("/isos/x.iso", "1234-ABCD"));
        assertThat(entries.get(0).cmdline()).isEqualTo("img_dev=UUID=1234-ABCD img_loop=/isos/x.iso root=loop");
    }

    @Test
    void ignoredCommandsAreAccepted() throws IOException {
        String config = "insmod all_video\nloadfont unicode\nset gfxmode=auto\nterminal_output gfxterm\n"
                + "echo hello\nexport gfxmode\nif loadfont /boot/grub/font.pf2; then set f=1; fi\n"
                + "menuentry t { set gfxpayload=keep; linux /k f=$f }\n";
        assertThat(run(config).get(0).cmdline()).isEqualTo("f=1");
    }

    @Test
    void utf8TitlesSurvive() throws IOException {
        assertThat(run("menuentry 'Démarrer ▶' { linux /k }\n").get(0).title()).isEqualTo("Démarrer ▶");
    }
}
