package dev.webboot.iso.internal.squashfs;

import dev.webboot.iso.ImageSource;
import dev.webboot.iso.MalformedImageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The xattr tables: an id table of (key/value list reference, count, size) entries, and the key/value lists, where a
 * value may be stored once out of line and referenced by several lists.
 */
final class XattrTable {
    static final long NO_XATTRS = 0xffffffffL;
    /** Linux's limits: XATTR_NAME_MAX and XATTR_SIZE_MAX; squashfs cannot hold more per inode than Linux can set. */
    private static final int MAX_NAME = 255;

    private static final int MAX_VALUE = 65536;
    private static final int MAX_PAIRS = 65536 / 4;
    private static final long OUT_OF_LINE = 0x100;

    private final MetadataReader metadata;
    private final long kvStart;
    private final long kvEnd;
    private final LookupTable ids;

    private XattrTable(MetadataReader metadata, long kvStart, long kvEnd, LookupTable ids) {
        this.metadata = metadata;
        this.kvStart = kvStart;
        this.kvEnd = kvEnd;
        this.ids = ids;
    }

    static XattrTable read(ImageSource source, MetadataReader metadata, Superblock sb) throws IOException {
        long at = sb.xattrIdTableStart();
        if (at > sb.bytesUsed() - 16) {
            throw new MalformedImageException(source.name(), at, "xattr id table header runs past the image");
        }
        ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        source.readFully(header, at);
        long kvStart = header.getLong(0);
        long count = header.getInt(8) & 0xffffffffL;
        if (kvStart < Superblock.SIZE || kvStart >= at) {
            throw new MalformedImageException(
                    source.name(), at, "xattr table start " + kvStart + " does not lie before its id table");
        }
        LookupTable ids = new LookupTable(source, metadata, "xattr id table", at + 16, count, 16, sb.bytesUsed());
        return new XattrTable(metadata, kvStart, at, ids);
    }

    /** The attributes of xattr id {@code index}, with full names such as {@code user.comment}. */
    Map<String, byte[]> attributes(long index) throws IOException {
        MetadataCursor id = ids.entry(index);
        long ref = id.s64();
        long count = id.u32();
        id.u32(); // the lists' total size; the entries themselves are what is checked
        if (count > MAX_PAIRS) {
            throw id.malformed("xattr id " + index + " claims " + count + " attributes");
        }
        MetadataCursor kv = cursor(ref);
        Map<String, byte[]> result = new LinkedHashMap<>();
        for (long i = 0; i < count; i++) {
            int type = kv.u16();
            int nameSize = kv.u16();
            String prefix =
                    switch (type & 0xff) {
                        case 0 -> "user.";
                        case 1 -> "trusted.";
                        case 2 -> "security.";
                        default -> throw kv.malformed("unknown xattr name space " + (type & 0xff));
                    };
            if ((type & ~(0xff | OUT_OF_LINE)) != 0 || nameSize == 0 || nameSize > MAX_NAME) {
                throw kv.malformed("xattr entry has type " + type + " and a name of " + nameSize + " bytes");
            }
            String name = prefix + new String(kv.bytes(nameSize), StandardCharsets.UTF_8);
            long valueSize = kv.u32();
            byte[] value;
            if ((type & OUT_OF_LINE) != 0) {
                if (valueSize != 8) {
                    throw kv.malformed("out-of-line xattr value reference of " + valueSize + " bytes");
                }
                MetadataCursor out = cursor(kv.s64());
                value = value(out, out.u32());
            } else {
                value = value(kv, valueSize);
            }
            result.put(name, value);
        }
        return result;
    }

    private static byte[] value(MetadataCursor cursor, long size) throws IOException {
        if (size > MAX_VALUE) {
            throw cursor.malformed("xattr value of " + size + " bytes is larger than Linux allows");
        }
        return cursor.bytes((int) size);
    }

    private MetadataCursor cursor(long ref) throws MalformedImageException {
        long block = ref >>> 16;
        if (block >= kvEnd - kvStart) {
            throw new MalformedImageException(
                    metadata.sourceName(),
                    kvStart,
                    "xattr reference " + Long.toHexString(ref) + " lies outside its table");
        }
        return metadata.cursor(kvStart, kvEnd, kvStart + block, (int) (ref & 0xffff));
    }
}
