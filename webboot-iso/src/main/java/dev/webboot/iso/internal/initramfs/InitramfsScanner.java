package dev.webboot.iso.internal.initramfs;

import dev.webboot.iso.ImageSource;
import dev.webboot.iso.MalformedImageException;
import dev.webboot.iso.initramfs.Compression;
import dev.webboot.iso.initramfs.InitramfsMember;
import dev.webboot.iso.initramfs.InitramfsSegment;
import dev.webboot.iso.initramfs.MemberType;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One pass over an initrd in the order of the kernel's {@code unpack_to_rootfs}: zero bytes are skipped; a {@code
 * '0'} at a 4-byte aligned offset starts an uncompressed archive; anything else must be a compressed stream's magic.
 * After an uncompressed archive the next one, compressed or not, must start aligned ("broken padding"). Data is read
 * through, never kept.
 */
public final class InitramfsScanner {
    private final ImageSource source;
    private final long maxDecompressedBytes;
    private final int maxMembers;

    private final List<InitramfsSegment> segments = new ArrayList<>();
    private final List<InitramfsMember> members = new ArrayList<>();
    private long[] dataOffsets = new long[64];
    private final Map<String, InitramfsIndex.Node> tree = new HashMap<>();
    /** The kernel's hard-link hash: (major, minor, ino, type) to the first name; cleared by each trailer. */
    private final Map<List<Long>, String> links = new HashMap<>();

    private final long[] decompressed = new long[1];
    private final TreeResolver resolver = new TreeResolver(tree, members);

    private InitramfsScanner(ImageSource source, long maxDecompressedBytes, int maxMembers) {
        this.source = source;
        this.maxDecompressedBytes = maxDecompressedBytes;
        this.maxMembers = maxMembers;
    }

    /** Scans {@code source}; every structural problem is a {@link MalformedImageException}. */
    public static InitramfsIndex scan(ImageSource source, long maxDecompressedBytes, int maxMembers)
            throws IOException {
        return new InitramfsScanner(source, maxDecompressedBytes, maxMembers).run();
    }

    private InitramfsIndex run() throws IOException {
        long size = source.size();
        SourceInputStream in = new SourceInputStream(source, 0, size);
        boolean afterUncompressed = false;
        byte[] head = new byte[2];
        while (true) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            if (b == 0) {
                continue;
            }
            long start = in.position() - 1;
            in.seek(start);
            if (afterUncompressed && (start & 3) != 0) {
                throw new MalformedImageException(
                        source.name(), start, "broken padding: an archive after an uncompressed one starts unaligned");
            }
            if (b == '0' && (start & 3) == 0) {
                scanUncompressed(in, start, size);
                afterUncompressed = true;
                continue;
            }
            int n = in.readNBytes(head, 0, 2);
            in.seek(start);
            Optional<Compression> compression = SegmentDecoders.detect(head, n);
            if (compression.isEmpty()) {
                throw new MalformedImageException(
                        source.name(),
                        start,
                        b == '0'
                                ? "a cpio archive starts at an unaligned offset"
                                : "invalid magic at start of compressed archive");
            }
            scanCompressed(in, start, compression.get());
            afterUncompressed = false;
        }
        return new InitramfsIndex(
                List.copyOf(segments), List.copyOf(members), Arrays.copyOf(dataOffsets, members.size()), tree);
    }

    private void scanUncompressed(SourceInputStream in, long start, long size) throws IOException {
        int index = segments.size();
        int first = members.size();
        CpioStreamReader reader = new CpioStreamReader(in, true, size - start);
        try {
            CpioHeader header;
            while ((header = reader.next()) != null) {
                add(index, Compression.NONE, header);
            }
        } catch (CpioFormatException e) {
            throw new MalformedImageException(source.name(), start + e.streamOffset(), e.getMessage());
        }
        long length = reader.endOfLastEntry();
        in.seek(start + reader.offset());
        segments.add(new InitramfsSegment(index, Compression.NONE, start, length, length, members.size() - first));
    }

    private void scanCompressed(SourceInputStream in, long start, Compression compression) throws IOException {
        int index = segments.size();
        int first = members.size();
        CpioStreamReader reader = null;
        try {
            InputStream decoder = SegmentDecoders.open(compression, in);
            reader =
                    new CpioStreamReader(new BudgetInputStream(decoder, decompressed, maxDecompressedBytes), false, -1);
            CpioHeader header;
            while ((header = reader.next()) != null) {
                add(index, compression, header);
            }
        } catch (CpioFormatException e) {
            throw new MalformedImageException(
                    source.name(),
                    start,
                    compression.cliName() + " segment: " + e.getMessage() + " at offset " + e.streamOffset()
                            + " of its decompressed data");
        } catch (MalformedImageException e) {
            throw e;
        } catch (BudgetInputStream.ExceededException e) {
            // Not corruption: a bomb, or an initrd bigger than the caller allows.
            throw new MalformedImageException(
                    source.name(), start, compression.cliName() + " segment: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            // Codecs report corruption with their own exception types, some unchecked; all mean a malformed image.
            String where = reader == null ? "" : " near offset " + reader.offset() + " of its decompressed data";
            throw new MalformedImageException(
                    source.name(), start, compression.cliName() + " segment is corrupt" + where + ": " + describe(e));
        }
        long length = in.position() - start;
        segments.add(new InitramfsSegment(index, compression, start, length, reader.offset(), members.size() - first));
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private void add(int segment, Compression compression, CpioHeader header) throws IOException {
        if (header.isTrailer()) {
            links.clear();
            return;
        }
        if (members.size() >= maxMembers) {
            throw new CpioFormatException(header.headerOffset(), "more than " + maxMembers + " members");
        }
        String path = InitramfsPaths.normalize(header.name());
        Optional<MemberType> maybeType = MemberType.fromMode(header.mode());
        if (maybeType.isEmpty()) {
            throw new CpioFormatException(
                    header.headerOffset() + 14, "mode " + Long.toOctalString(header.mode()) + " names no file type");
        }
        MemberType type = maybeType.get();
        int index = members.size();
        String hardLinkTo = "";
        boolean linkable = type != MemberType.DIRECTORY && type != MemberType.SYMLINK;
        if (linkable && header.nlink() >= 2) {
            List<Long> key = List.of(header.devMajor(), header.devMinor(), header.ino(), (long) type.modeBits());
            String old = links.get(key);
            if (old == null) {
                links.put(key, resolver.place(path).orElse(path));
            } else {
                hardLinkTo = old;
            }
        }
        InitramfsMember member = new InitramfsMember(
                segment,
                compression,
                path,
                type,
                (int) (header.mode() & 0177777),
                header.uid(),
                header.gid(),
                header.fileSize(),
                header.mtime(),
                header.linkTarget(),
                hardLinkTo,
                type == MemberType.CHARACTER_DEVICE || type == MemberType.BLOCK_DEVICE ? header.rdevMajor() : 0,
                type == MemberType.CHARACTER_DEVICE || type == MemberType.BLOCK_DEVICE ? header.rdevMinor() : 0);
        members.add(member);
        if (index == dataOffsets.length) {
            dataOffsets = Arrays.copyOf(dataOffsets, index * 2);
        }
        dataOffsets[index] = header.dataOffset();
        apply(index, member);
    }

    /** What the kernel's {@code do_name}/{@code do_symlink} do to the tree for this member. */
    private void apply(int index, InitramfsMember member) {
        Optional<String> placed = resolver.place(member.path());
        if (placed.isEmpty()) {
            return; // a parent is missing: the kernel's create fails and nothing changes
        }
        String path = placed.get();
        InitramfsIndex.Node existing = tree.get(path);
        MemberType existingType =
                existing == null ? null : members.get(existing.member()).type();
        if (!member.hardLinkTo().isEmpty()) {
            InitramfsIndex.Node old = tree.get(member.hardLinkTo());
            if (old == null) {
                return; // link(2) fails: the kernel leaves the path as it was
            }
            InitramfsIndex.Inode inode = old.inode();
            if (inode != null && member.size() > 0) {
                inode.dataMember = index;
            }
            tree.put(path, new InitramfsIndex.Node(index, inode));
            return;
        }
        switch (member.type()) {
            case FILE -> {
                if (existingType == MemberType.FILE && existing.inode() != null) {
                    // O_TRUNC on the existing file: every hard link to it sees the new data.
                    existing.inode().dataMember = member.size() > 0 ? index : -1;
                    tree.put(path, new InitramfsIndex.Node(index, existing.inode()));
                } else {
                    tree.put(
                            path,
                            new InitramfsIndex.Node(index, new InitramfsIndex.Inode(member.size() > 0 ? index : -1)));
                }
            }
            case DIRECTORY -> tree.put(path, new InitramfsIndex.Node(index, null));
            default -> {
                // Symlinks replace whatever was there; mknod over an existing node of the same type fails, but the
                // kernel still applies owner and mode to it: the new member's metadata is what one sees.
                tree.put(path, new InitramfsIndex.Node(index, null));
            }
        }
    }
}
