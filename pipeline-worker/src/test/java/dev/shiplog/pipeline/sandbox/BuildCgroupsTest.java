package dev.shiplog.pipeline.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the worker's own control groups are, as /proc/self/cgroup says it on machines with cgroup v1. */
class BuildCgroupsTest {

    @Test
    void eachControllerIsFoundAlsoWhenMountedTogether() {
        Map<String, String> own = BuildCgroups.ownGroups(List.of("12:pids:/", "4:memory:/process_api/5770f04c",
                "3:cpu,cpuacct:/docker/abc", "1:name=systemd:/", "0::/"));
        assertEquals("/process_api/5770f04c", own.get("memory"));
        assertEquals("/", own.get("pids"));
        assertEquals("/docker/abc", own.get("cpu"));
        assertEquals("/docker/abc", own.get("cpuacct"));
    }

    @Test
    void aMachineWithCgroupV2OnlyHasNoV1Controller() {
        assertEquals(Map.of(), BuildCgroups.ownGroups(List.of("0::/user.slice/session-1.scope")));
    }
}
