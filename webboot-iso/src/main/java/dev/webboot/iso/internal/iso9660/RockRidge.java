package dev.webboot.iso.internal.iso9660;

import dev.webboot.iso.Fields;
import dev.webboot.iso.MalformedImageException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;

/**
 * The Rock Ridge (RRIP 1.09/1.10/1.12) attributes of one directory record, decoded from its SUSP entries. Absent
 * attributes are empty, so the caller falls back to the plain ISO 9660 ones.
 */
final class RockRidge {
    /** NAME_MAX: a Rock Ridge name longer than this cannot be a POSIX file name. */
    static final int MAX_NAME_BYTES = 255;
    /** PATH_MAX: a longer symlink target cannot be resolved by any POSIX system. */
    static final int MAX_TARGET_BYTES = 4095;

    Optional<Integer> mode = Optional.empty();
    long links = -1;
    int uid;
    int gid;
    /** The RRIP 1.12 file serial number, 0 when PX does not carry one. */
    long inode;

    long device;
    Optional<String> name = Optional.empty();
    Optional<String> symlinkTarget = Optional.empty();
    Optional<FileTime> created = Optional.empty();
    Optional<FileTime> modified = Optional.empty();
    Optional<FileTime> accessed = Optional.empty();
    Optional<FileTime> changed = Optional.empty();
    /** RE: this record is the relocated copy of a deep directory; its CL entry elsewhere shows it. */
    boolean relocated;
    /** CL: this record stands for a directory relocated to this block; -1 when absent. */
    long childLink = -1;

    long childLinkAt;
    /** ZF "pz": the file is zisofs-compressed with blocks of 2^zisofsBlockShift bytes; 0 when it is not. */
    int zisofsBlockShift;

    long zisofsSize;

    /** Whether any RRIP entry (not just SUSP bookkeeping) was present. */
    boolean any;

    /** Decodes the RRIP entries among {@code entries}; unknown signatures are skipped, as SUSP requires. */
    static RockRidge decode(List<SuspEntry> entries) throws MalformedImageException {
        RockRidge rr = new RockRidge();
        ByteArrayOutputStream name = null;
        Fields nameStart = null;
        SymlinkBuilder link = null;
        for (SuspEntry entry : entries) {
            Fields body = entry.body();
            switch (entry.signature()) {
                case "PX" -> {
                    body.require(0, 32, "PX entry");
                    rr.mode = Optional.of((int) body.u32le(0));
                    rr.links = body.u32le(8);
                    rr.uid = (int) body.u32le(16);
                    rr.gid = (int) body.u32le(24);
                    if (body.length() >= 40) {
                        rr.inode = body.u32le(32);
                    }
                    rr.any = true;
                }
                case "PN" -> {
                    body.require(0, 16, "PN entry");
                    long high = body.u32le(0);
                    long low = body.u32le(8);
                    // Linux: a zero high word with a 16-bit low word is an old-style packed major/minor.
                    if (high == 0 && (low & ~0xffL) != 0 && low <= 0xffffL) {
                        rr.device = (low >> 8) << 32 | (low & 0xff);
                    } else {
                        rr.device = high << 32 | low;
                    }
                    rr.any = true;
                }
                case "NM" -> {
                    body.require(0, 1, "NM entry");
                    int flags = body.u8(0);
                    if ((flags & 0x06) != 0) {
                        break; // "." or "..": not a name of this entry
                    }
                    if (name == null) {
                        name = new ByteArrayOutputStream();
                        nameStart = body;
                    }
                    name.write(body.bytes(1, body.length() - 1), 0, body.length() - 1);
                    if (name.size() > MAX_NAME_BYTES) {
                        throw nameStart.malformed(0, "Rock Ridge name longer than " + MAX_NAME_BYTES + " bytes");
                    }
                    rr.any = true;
                }
                case "SL" -> {
                    if (link == null) {
                        link = new SymlinkBuilder();
                    }
                    link.add(body);
                    rr.any = true;
                }
                case "TF" -> {
                    decodeTimes(rr, body);
                    rr.any = true;
                }
                case "RE" -> {
                    rr.relocated = true;
                    rr.any = true;
                }
                case "CL" -> {
                    body.require(0, 8, "CL entry");
                    rr.childLink = body.u32le(0);
                    rr.childLinkAt = body.offsetOf(0);
                    rr.any = true;
                }
                case "ZF" -> {
                    body.require(0, 8, "ZF entry");
                    // Only the "pz" (zlib) algorithm with Linux's block sizes; other files are shown as stored.
                    int shift = body.u8(3);
                    if (body.u8(0) == 'p' && body.u8(1) == 'z' && shift >= 15 && shift <= 17) {
                        rr.zisofsBlockShift = shift;
                        rr.zisofsSize = body.u32le(4);
                    }
                    rr.any = true;
                }
                case "PL", "RR", "SF" -> rr.any = true;
                default -> {
                    // SUSP: unknown entries are skipped.
                }
            }
        }
        if (name != null) {
            byte[] bytes = name.toByteArray();
            for (byte b : bytes) {
                if (b == '/' || b == 0) {
                    throw nameStart.malformed(0, "Rock Ridge name contains '/' or NUL");
                }
            }
            rr.name = Optional.of(new String(bytes, StandardCharsets.UTF_8));
        }
        if (link != null) {
            rr.symlinkTarget = Optional.of(link.target());
        }
        return rr;
    }

    /** TF: the flags byte says which stamps follow, in a fixed order, each in the 7-byte or the 17-byte form. */
    private static void decodeTimes(RockRidge rr, Fields body) throws MalformedImageException {
        body.require(0, 1, "TF entry");
        int flags = body.u8(0);
        boolean longForm = (flags & 0x80) != 0;
        int width = longForm ? 17 : 7;
        int pos = 1;
        for (int bit = 0; bit < 7; bit++) {
            if ((flags & (1 << bit)) == 0) {
                continue;
            }
            FileTime time = longForm ? IsoTimes.longForm(body, pos) : IsoTimes.shortForm(body, pos);
            pos += width;
            switch (bit) {
                case 0 -> rr.created = Optional.of(time);
                case 1 -> rr.modified = Optional.of(time);
                case 2 -> rr.accessed = Optional.of(time);
                case 3 -> rr.changed = Optional.of(time);
                default -> {
                    // backup, expiration and effective dates have no POSIX counterpart
                }
            }
        }
    }

    /** Joins SL components; a component (or a whole SL entry) flagged CONTINUE runs on into the next one. */
    private static final class SymlinkBuilder {
        private final ByteArrayOutputStream target = new ByteArrayOutputStream();
        private boolean continuing;
        private Fields first;

        void add(Fields body) throws MalformedImageException {
            if (first == null) {
                first = body;
            }
            body.require(0, 1, "SL entry");
            int pos = 1;
            while (pos < body.length()) {
                body.require(pos, 2, "SL component");
                int flags = body.u8(pos);
                int length = body.u8(pos + 1);
                body.require(pos + 2, length, "SL component");
                byte[] text;
                if ((flags & 0x02) != 0) {
                    text = new byte[] {'.'};
                } else if ((flags & 0x04) != 0) {
                    text = new byte[] {'.', '.'};
                } else if ((flags & 0x08) != 0) {
                    text = new byte[0];
                } else {
                    text = body.bytes(pos + 2, length);
                }
                if ((flags & 0x08) != 0) {
                    target.reset();
                    target.write('/');
                } else {
                    int size = target.size();
                    boolean endsWithSlash = size > 0 && target.toByteArray()[size - 1] == '/';
                    if (!continuing && size > 0 && !endsWithSlash) {
                        target.write('/');
                    }
                    target.write(text, 0, text.length);
                }
                continuing = (flags & 0x01) != 0;
                if (target.size() > MAX_TARGET_BYTES) {
                    throw first.malformed(0, "symlink target longer than " + MAX_TARGET_BYTES + " bytes");
                }
                pos += 2 + length;
            }
        }

        String target() {
            return target.toString(StandardCharsets.UTF_8);
        }
    }
}
