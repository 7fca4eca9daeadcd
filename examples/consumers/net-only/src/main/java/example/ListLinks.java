package example;

import dev.webboot.net.link.LinkInfo;
import dev.webboot.net.link.Links;
import dev.webboot.net.link.Rtnetlink;

/** Prints each network interface with its IPv4 addresses, read over rtnetlink: webboot-net alone. */
public final class ListLinks {
    public static void main(String[] args) throws Exception {
        try (Rtnetlink netlink = Rtnetlink.open()) {
            for (LinkInfo link : Links.system().list()) {
                System.out.println(link.name() + " " + netlink.addresses(link));
            }
        }
    }
}
