// soname: fake-nvml/libnvidia-ml.so.1
// soname: fake-nvml-r470/libnvidia-ml.so.1 -DFAKE_OLD_DRIVER
// soname: fake-nvml-v1-processes/libnvidia-ml.so.1 -DFAKE_OLD_DRIVER -DFAKE_V1_PROCESSES_ONLY
//
// A fake libnvidia-ml.so.1 serving two GPUs, compiled against NVIDIA's own nvml.h so that every
// struct the Java bindings read is laid out by NVIDIA's header, not by a copy of it. Every value is
// distinct and non-round, so a binding that reads the wrong field, the wrong width or the wrong
// versioned symbol gets a different number.
//
// Variants:
//   default                  an R535-like driver: _v3 process calls, nvmlDeviceGetMemoryInfo_v2,
//                            nvmlDeviceGetCurrentClocksEventReasons, GPM (GPU 0, the H100, only),
//                            GPM per MIG GPU instance (GPU 0 is in MIG mode with two instances)
//   FAKE_OLD_DRIVER          exports what NVIDIA's real R470 library exports (checked with nm -D):
//                            process calls _v2 and v1 only, memory info v1 only, and
//                            nvmlDeviceGetCurrentClocksThrottleReasons only, and no GPM calls
//   FAKE_V1_PROCESSES_ONLY   with FAKE_OLD_DRIVER, also drops the _v2 process calls
// A symbol a variant lacks is not defined at all, so dlsym really fails on it.
//
// Control API for tests (not part of NVML): fake_nvml_reset, fake_nvml_fail, fake_nvml_push_xid,
// fake_nvml_churn_processes, fake_nvml_call_count.
//
// For a daemon run against real containers (scripts/engines-e2e.sh), where no test calls the
// control API: FAKE_NVML_PROCESSES="GPU:PID:BYTES[,GPU:PID:BYTES...]" makes those the GPUs' only
// compute processes, so that NVML reports the pids of real container processes.

// Declares the unversioned v1 entry points as well (nvmlDeviceGetComputeRunningProcesses with
// nvmlProcessInfo_v1_t), instead of renaming them to the newest version.
// nanosleep is POSIX, hidden by -std=c11 without it.
#define _POSIX_C_SOURCE 199309L
#define NVML_NO_UNVERSIONED_FUNC_DEFS
#include <nvml.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

// Newer than the CUDA 11.8 header; signature as documented for R535.
nvmlReturn_t DECLDIR nvmlDeviceGetCurrentClocksEventReasons(nvmlDevice_t device,
                                                            unsigned long long *clocksEventReasons);

#ifdef FAKE_OLD_DRIVER
#define FAKE_DRIVER_VERSION "470.199.02"
#define FAKE_NVML_VERSION "11.470.199.02"
#define FAKE_CUDA_VERSION 11040
#else
#define FAKE_DRIVER_VERSION "535.161.07"
#define FAKE_NVML_VERSION "12.535.161.07"
#define FAKE_CUDA_VERSION 12020
#endif

#define GPU_COUNT 2
#define NO_ID 0xFFFFFFFFu
#define MAX_PROCESSES 64

typedef struct {
    unsigned int pid;
    unsigned long long usedGpuMemory;
    unsigned int gpuInstanceId;
    unsigned int computeInstanceId;
} fake_process;

typedef struct {
    const char *name, *uuid, *serial;
    nvmlBrandType_t brand;
    nvmlDeviceArchitecture_t architecture;
    unsigned int minor;
    unsigned int domain, bus, device, pciDeviceId, pciSubSystemId;
    int ccMajor, ccMinor;
    unsigned long long memTotal, memReserved, memUsed, memFree;
    unsigned int utilGpu, utilMemory, temperature, powerUsage, powerLimit;
    unsigned long long energy;
    unsigned int clocks[4];      // nvmlClockType_t order: graphics, SM, memory, video
    int fanSupported;
    unsigned int fan;
    unsigned int pcie[2];        // nvmlPcieUtilCounter_t order: TX, RX
    int eccSupported;
    unsigned long long ecc[2][2]; // [nvmlMemoryErrorType_t][nvmlEccCounterType_t]
    unsigned int remapCorrectable, remapUncorrectable, remapPending, remapFailure;
    unsigned long long clockEventReasons;
    nvmlEnableState_t persistence;
    nvmlComputeMode_t computeMode;
    int migSupported;
    unsigned int migCurrent, migPending;
    fake_process compute[MAX_PROCESSES];
    unsigned int computeCount;
    fake_process graphics[MAX_PROCESSES];
    unsigned int graphicsCount;
    unsigned long long registeredEvents;
    unsigned int pcieGen[2], pcieWidth[2];   // current, max
    unsigned int encoder, decoder;
    unsigned long long violation[NVML_PERF_POLICY_COUNT]; // ns, by nvmlPerfPolicyType_t
    unsigned int memTemp;                     // 0: no HBM sensor (NOT_SUPPORTED)
    unsigned int pcieReplays;
    int retiredSupported;
    unsigned long long retiredSbe, retiredDbe, retiredPending;
    unsigned int nvlinkCount;                 // 0: no NVLink (NOT_SUPPORTED)
    unsigned int nvlinkDown;                  // bitmask of links that are not active
    unsigned long long nvlinkTx[NVML_NVLINK_MAX_LINKS], nvlinkRx[NVML_NVLINK_MAX_LINKS]; // KiB
    unsigned long long nvlinkErrors[4];       // CRC flit, CRC data, replay, recovery
} fake_gpu;

static const fake_gpu initial_gpus[GPU_COUNT] = {
    {
        .name = "NVIDIA H100 80GB HBM3", .uuid = "GPU-5c1d2b3a-8e4f-4a6b-9c7d-0e1f2a3b4c5d",
        .serial = "1654923001357", .brand = NVML_BRAND_NVIDIA, .architecture = NVML_DEVICE_ARCH_HOPPER,
        .minor = 3, .domain = 0x0000, .bus = 0x17, .device = 0x00,
        .pciDeviceId = 0x233010DE, .pciSubSystemId = 0x16C110DE, .ccMajor = 9, .ccMinor = 0,
        .memTotal = 85899345923ULL, .memReserved = 566231041ULL, .memUsed = 12345678901ULL,
        .memFree = 72987435981ULL,
        .utilGpu = 93, .utilMemory = 41, .temperature = 61, .powerUsage = 287543, .powerLimit = 698765,
        .energy = 987654321012ULL, .clocks = {1755, 1740, 2619, 1575},
        .fanSupported = 0, .pcie = {123457, 234571},
        .eccSupported = 1, .ecc = {{3, 117}, {1, 5}},
        .remapCorrectable = 2, .remapUncorrectable = 1, .remapPending = 1, .remapFailure = 0,
        .clockEventReasons = 0x44ULL, // SW power cap | HW thermal slowdown
        .persistence = NVML_FEATURE_ENABLED, .computeMode = NVML_COMPUTEMODE_EXCLUSIVE_PROCESS,
        .migSupported = 1, .migCurrent = NVML_DEVICE_MIG_ENABLE, .migPending = NVML_DEVICE_MIG_DISABLE,
        .compute = {{4242, 21474836483ULL, 3, 1}, {31337, 0xFFFFFFFFFFFFFFFFULL, NO_ID, NO_ID}},
        .computeCount = 2, .graphicsCount = 0,
        .pcieGen = {4, 5}, .pcieWidth = {8, 16}, .encoder = 13, .decoder = 29,
        .violation = {[NVML_PERF_POLICY_POWER] = 1234567891ULL, [NVML_PERF_POLICY_THERMAL] = 9876543211ULL,
                      [NVML_PERF_POLICY_TOTAL_BASE_CLOCKS] = 4000000000123ULL},
        .memTemp = 67, .pcieReplays = 19,
        .retiredSupported = 0,
        .nvlinkCount = 18, .nvlinkDown = 1u << 5,
        .nvlinkTx = {[0] = 17179869187ULL, [17] = 5003ULL}, .nvlinkRx = {[0] = 34359738377ULL, [17] = 7001ULL},
        .nvlinkErrors = {11, 23, 37, 41},
    },
    {
        .name = "NVIDIA GeForce RTX 4090", .uuid = "GPU-a1b2c3d4-0f1e-4d2c-8b3a-97f8e6d5c4b3",
        .serial = "0324617098451", .brand = NVML_BRAND_GEFORCE, .architecture = NVML_DEVICE_ARCH_ADA,
        .minor = 7, .domain = 0x0001, .bus = 0xB3, .device = 0x02,
        .pciDeviceId = 0x268410DE, .pciSubSystemId = 0x16F310DE, .ccMajor = 8, .ccMinor = 9,
        .memTotal = 25757220867ULL, .memReserved = 333447169ULL, .memUsed = 4294967297ULL,
        .memFree = 21128806401ULL,
        .utilGpu = 7, .utilMemory = 3, .temperature = 47, .powerUsage = 112358, .powerLimit = 449321,
        .energy = 123456789013ULL, .clocks = {2520, 2505, 10501, 1965},
        .fanSupported = 1, .fan = 37, .pcie = {3461, 8923},
        .eccSupported = 0,
        .remapCorrectable = 5, .remapUncorrectable = 0, .remapPending = 0, .remapFailure = 1,
        .clockEventReasons = 0x11ULL, // GPU idle | sync boost
        .persistence = NVML_FEATURE_DISABLED, .computeMode = NVML_COMPUTEMODE_DEFAULT,
        .migSupported = 0,
        .compute = {{777, 536870917ULL, NO_ID, NO_ID}}, .computeCount = 1,
        .graphics = {{1999, 268435459ULL, NO_ID, NO_ID}}, .graphicsCount = 1,
        .pcieGen = {1, 4}, .pcieWidth = {16, 16}, .encoder = 3, .decoder = 0,
        .violation = {[NVML_PERF_POLICY_LOW_UTILIZATION] = 86400000000007ULL},
        .memTemp = 0, .pcieReplays = 2,
        .retiredSupported = 1, .retiredSbe = 4, .retiredDbe = 1, .retiredPending = 1,
        .nvlinkCount = 0,
    },
};

static fake_gpu gpus[GPU_COUNT];
static int init_count;

#define MAX_FAILURES 32
static struct { char function[96]; int gpu; nvmlReturn_t result; } failures[MAX_FAILURES];
static int failure_count;

#define MAX_CALLED 128
static struct { char function[96]; int count; } calls[MAX_CALLED];
static int called_count;

#define MAX_XIDS 16
static struct { int gpu; unsigned long long xid; } xids[MAX_XIDS];
static int xid_count;

static int churn[GPU_COUNT];
static int event_set_token;

static void record_call(const char *function) {
    for (int i = 0; i < called_count; i++) {
        if (strcmp(calls[i].function, function) == 0) {
            calls[i].count++;
            return;
        }
    }
    if (called_count < MAX_CALLED) {
        snprintf(calls[called_count].function, sizeof calls[called_count].function, "%s", function);
        calls[called_count++].count = 1;
    }
}

// FAKE_NVML_LATENCY_US: microseconds every call takes, like a real driver's ioctl (0.1-1 ms), for benchmarks.
static long latency_us = -1;

static void take_latency(void) {
    if (latency_us < 0) {
        const char *value = getenv("FAKE_NVML_LATENCY_US");
        latency_us = value == NULL ? 0 : strtol(value, NULL, 10);
        if (latency_us < 0) latency_us = 0;
    }
    if (latency_us > 0) {
        struct timespec pause = {latency_us / 1000000, (latency_us % 1000000) * 1000};
        nanosleep(&pause, NULL);
    }
}

// An injected failure for this call on this GPU (-1: a call that concerns no GPU), or NVML_SUCCESS.
static nvmlReturn_t injected(const char *function, int gpu) {
    record_call(function);
    take_latency();
    for (int i = 0; i < failure_count; i++) {
        if (strcmp(failures[i].function, function) == 0 && (failures[i].gpu == -1 || failures[i].gpu == gpu)) {
            return failures[i].result;
        }
    }
    return NVML_SUCCESS;
}

static int gpu_of(nvmlDevice_t device) {
    for (int i = 0; i < GPU_COUNT; i++) {
        if ((void *) device == (void *) &gpus[i]) {
            return i;
        }
    }
    return -1;
}

static nvmlDevice_t handle_of(int gpu) {
    return (nvmlDevice_t) (void *) &gpus[gpu];
}

// The common prologue of a per-GPU call: initialised, a valid handle, no injected failure.
#define DEVICE_CALL(device, g)                                        \
    int g = gpu_of(device);                                           \
    do {                                                              \
        nvmlReturn_t r_ = injected(__func__, g);                      \
        if (init_count == 0) return NVML_ERROR_UNINITIALIZED;         \
        if (g < 0) return NVML_ERROR_INVALID_ARGUMENT;                \
        if (r_ != NVML_SUCCESS) return r_;                            \
    } while (0)

#define SYSTEM_CALL()                                                 \
    do {                                                              \
        nvmlReturn_t r_ = injected(__func__, -1);                     \
        if (init_count == 0) return NVML_ERROR_UNINITIALIZED;         \
        if (r_ != NVML_SUCCESS) return r_;                            \
    } while (0)

static nvmlReturn_t copy_string(const char *value, char *buffer, unsigned int length) {
    if (buffer == NULL) return NVML_ERROR_INVALID_ARGUMENT;
    if (strlen(value) + 1 > length) return NVML_ERROR_INSUFFICIENT_SIZE;
    memcpy(buffer, value, strlen(value) + 1);
    return NVML_SUCCESS;
}

// ---- MIG devices: GPU 0 (MIG enabled) has two GPU instances with a compute instance each ----

typedef struct {
    int parent;
    unsigned int gpuInstanceId, computeInstanceId;
    const char *name, *uuid;
    unsigned long long memTotal, memUsed;
} fake_mig;

#define MIG_COUNT 2
#define MIG_SLOTS 7

// Process 4242 of GPU 0 runs in GPU instance 3, compute instance 1.
static const fake_mig migs[MIG_COUNT] = {
    {0, 3, 1, "NVIDIA H100 80GB HBM3 MIG 1g.10gb", "MIG-0d1e2f3a-4b5c-5d6e-8f70-8192a3b4c5d6",
     10468982787ULL, 2147483659ULL},
    {0, 5, 0, "NVIDIA H100 80GB HBM3 MIG 2g.20gb", "MIG-9f8e7d6c-5b4a-5392-8a1b-0c2d3e4f5a6b",
     21206401029ULL, 536870923ULL},
};

static int mig_of(nvmlDevice_t device) {
    for (int i = 0; i < MIG_COUNT; i++) {
        if ((void *) device == (void *) &migs[i]) {
            return i;
        }
    }
    return -1;
}

// The prologue of a call on a MIG device handle; an injected failure names the parent GPU.
#define MIG_CALL(device, m)                                                   \
    int m = mig_of(device);                                                   \
    do {                                                                      \
        nvmlReturn_t r_ = injected(__func__, m < 0 ? -1 : migs[m].parent);    \
        if (init_count == 0) return NVML_ERROR_UNINITIALIZED;                 \
        if (m < 0) return NVML_ERROR_INVALID_ARGUMENT;                        \
        if (r_ != NVML_SUCCESS) return r_;                                    \
    } while (0)

// ---- control API ----

// FAKE_NVML_PROCESSES, when set, replaces every GPU's compute processes; a malformed entry ends the list.
static void processes_from_environment(void) {
    const char *spec = getenv("FAKE_NVML_PROCESSES");
    if (spec == NULL) {
        return;
    }
    for (int g = 0; g < GPU_COUNT; g++) {
        gpus[g].computeCount = 0;
    }
    const char *p = spec;
    while (*p != '\0') {
        int gpu, used;
        unsigned int pid;
        unsigned long long bytes;
        if (sscanf(p, "%d:%u:%llu%n", &gpu, &pid, &bytes, &used) != 3 || gpu < 0 || gpu >= GPU_COUNT
                || gpus[gpu].computeCount >= MAX_PROCESSES) {
            return;
        }
        gpus[gpu].compute[gpus[gpu].computeCount++] = (fake_process) {pid, bytes, NO_ID, NO_ID};
        p += used;
        if (*p == ',') {
            p++;
        }
    }
}

void fake_nvml_reset(void) {
    memcpy(gpus, initial_gpus, sizeof gpus);
    processes_from_environment();
    init_count = 0;
    failure_count = 0;
    called_count = 0;
    xid_count = 0;
    memset(churn, 0, sizeof churn);
}

__attribute__((constructor)) static void fake_nvml_load(void) {
    fake_nvml_reset();
}

void fake_nvml_fail(const char *function, int gpu, int nvmlReturn) {
    if (failure_count < MAX_FAILURES) {
        snprintf(failures[failure_count].function, sizeof failures[failure_count].function, "%s", function);
        failures[failure_count].gpu = gpu;
        failures[failure_count++].result = (nvmlReturn_t) nvmlReturn;
    }
}

void fake_nvml_push_xid(int gpu, unsigned long long xid) {
    if (xid_count < MAX_XIDS) {
        xids[xid_count].gpu = gpu;
        xids[xid_count++].xid = xid;
    }
}

// The next `times` answers of NVML_ERROR_INSUFFICIENT_SIZE for this GPU's compute processes each
// start one more process, as happens when jobs start between the size query and the real one.
void fake_nvml_churn_processes(int gpu, int times) {
    churn[gpu] = times;
}

int fake_nvml_call_count(const char *function) {
    for (int i = 0; i < called_count; i++) {
        if (strcmp(calls[i].function, function) == 0) return calls[i].count;
    }
    return 0;
}

// ---- initialisation and system ----

nvmlReturn_t DECLDIR nvmlInitWithFlags(unsigned int flags) {
    (void) flags;
    init_count++;
    return NVML_SUCCESS;
}

// Calls the exported nvmlInitWithFlags through the PLT, as a real library calls its own API: were
// this file loaded RTLD_GLOBAL after another NVML, that call would land in the other library.
nvmlReturn_t DECLDIR nvmlInit_v2(void) {
    nvmlReturn_t r = injected(__func__, -1);
    if (r != NVML_SUCCESS) return r;
    return nvmlInitWithFlags(0);
}

nvmlReturn_t DECLDIR nvmlShutdown(void) {
    SYSTEM_CALL();
    init_count--;
    return NVML_SUCCESS;
}

const DECLDIR char *nvmlErrorString(nvmlReturn_t result) {
    switch (result) {
    case NVML_SUCCESS: return "Success";
    case NVML_ERROR_UNINITIALIZED: return "Uninitialized";
    case NVML_ERROR_INVALID_ARGUMENT: return "Invalid Argument";
    case NVML_ERROR_NOT_SUPPORTED: return "Not Supported";
    case NVML_ERROR_NOT_FOUND: return "Not Found";
    case NVML_ERROR_INSUFFICIENT_SIZE: return "Insufficient Size";
    case NVML_ERROR_DRIVER_NOT_LOADED: return "Driver Not Loaded";
    case NVML_ERROR_TIMEOUT: return "Timeout";
    case NVML_ERROR_GPU_IS_LOST: return "GPU is lost";
    case NVML_ERROR_ARGUMENT_VERSION_MISMATCH: return "Argument version mismatch";
    default: return "Unknown Error";
    }
}

nvmlReturn_t DECLDIR nvmlSystemGetDriverVersion(char *version, unsigned int length) {
    SYSTEM_CALL();
    return copy_string(FAKE_DRIVER_VERSION, version, length);
}

// Like NVIDIA's R535 library, this one answers before nvmlInit.
nvmlReturn_t DECLDIR nvmlSystemGetNVMLVersion(char *version, unsigned int length) {
    nvmlReturn_t r = injected(__func__, -1);
    if (r != NVML_SUCCESS) return r;
    return copy_string(FAKE_NVML_VERSION, version, length);
}

nvmlReturn_t DECLDIR nvmlSystemGetCudaDriverVersion_v2(int *cudaDriverVersion) {
    SYSTEM_CALL();
    *cudaDriverVersion = FAKE_CUDA_VERSION;
    return NVML_SUCCESS;
}

nvmlReturn_t DECLDIR nvmlDeviceGetCount_v2(unsigned int *deviceCount) {
    SYSTEM_CALL();
    *deviceCount = GPU_COUNT;
    return NVML_SUCCESS;
}

// ---- handles ----

nvmlReturn_t DECLDIR nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device) {
    nvmlReturn_t r = injected(__func__, index < GPU_COUNT ? (int) index : -1);
    if (init_count == 0) return NVML_ERROR_UNINITIALIZED;
    if (r != NVML_SUCCESS) return r;
    if (index >= GPU_COUNT) return NVML_ERROR_INVALID_ARGUMENT;
    *device = handle_of((int) index);
    return NVML_SUCCESS;
}

nvmlReturn_t DECLDIR nvmlDeviceGetHandleByUUID(const char *uuid, nvmlDevice_t *device) {
    SYSTEM_CALL();
    for (int i = 0; i < GPU_COUNT; i++) {
        if (strcmp(gpus[i].uuid, uuid) == 0) {
            *device = handle_of(i);
            return NVML_SUCCESS;
        }
    }
    return NVML_ERROR_NOT_FOUND;
}

nvmlReturn_t DECLDIR nvmlDeviceGetHandleByPciBusId_v2(const char *pciBusId, nvmlDevice_t *device) {
    SYSTEM_CALL();
    for (int i = 0; i < GPU_COUNT; i++) {
        char busId[NVML_DEVICE_PCI_BUS_ID_BUFFER_SIZE];
        snprintf(busId, sizeof busId, NVML_DEVICE_PCI_BUS_ID_FMT, gpus[i].domain, gpus[i].bus, gpus[i].device);
        if (strcmp(busId, pciBusId) == 0) {
            *device = handle_of(i);
            return NVML_SUCCESS;
        }
    }
    return NVML_ERROR_NOT_FOUND;
}

nvmlReturn_t DECLDIR nvmlDeviceGetIndex(nvmlDevice_t device, unsigned int *index) {
    DEVICE_CALL(device, g);
    *index = (unsigned int) g;
    return NVML_SUCCESS;
}

// ---- identity ----

nvmlReturn_t DECLDIR nvmlDeviceGetName(nvmlDevice_t device, char *name, unsigned int length) {
    if (mig_of(device) >= 0) {
        MIG_CALL(device, m);
        return copy_string(migs[m].name, name, length);
    }
    DEVICE_CALL(device, g);
    return copy_string(gpus[g].name, name, length);
}

nvmlReturn_t DECLDIR nvmlDeviceGetUUID(nvmlDevice_t device, char *uuid, unsigned int length) {
    if (mig_of(device) >= 0) {
        MIG_CALL(device, m);
        return copy_string(migs[m].uuid, uuid, length);
    }
    DEVICE_CALL(device, g);
    return copy_string(gpus[g].uuid, uuid, length);
}

nvmlReturn_t DECLDIR nvmlDeviceGetSerial(nvmlDevice_t device, char *serial, unsigned int length) {
    DEVICE_CALL(device, g);
    return copy_string(gpus[g].serial, serial, length);
}

nvmlReturn_t DECLDIR nvmlDeviceGetBrand(nvmlDevice_t device, nvmlBrandType_t *type) {
    DEVICE_CALL(device, g);
    *type = gpus[g].brand;
    return NVML_SUCCESS;
}

nvmlReturn_t DECLDIR nvmlDeviceGetArchitecture(nvmlDevice_t device, nvmlDeviceArchitecture_t *arch) {
    DEVICE_CALL(device, g);
    *arch = gpus[g].architecture;
    return NVML_SUCCESS;
}

nvmlReturn_t DECLDIR nvmlDeviceGetMinorNumber(nvmlDevice_t device, unsigned int *minorNumber) {
    DEVICE_CALL(device, g);
    *minorNumber = gpus[g].minor;
    return NVML_SUCCESS;
}

nvmlReturn_t DECLDIR nvmlDeviceGetPciInfo_v3(nvmlDevice_t device, nvmlPciInfo_t *pci) {
    DEVICE_CALL(device, g);
    memset(pci, 0, sizeof *pci);
    snprintf(pci->busIdLegacy, sizeof pci->busIdLegacy, NVML_DEVICE_PCI_BUS_ID_LEGACY_FMT,
             gpus[g].domain, gpus[g].bus, gpus[g].device);
    snprintf(pci->busId, sizeof pci->busId, NVML_DEVICE_PCI_BUS_ID_FMT,
             gpus[g].domain, gpus[g].bus, gpus[g].device);
    pci->domain = gpus[g].domain;
    pci->bus = gpus[g].bus;
    pci->device = gpus[g].device;
    pci->pciDeviceId = gpus[g].pciDeviceId;
    pci->pciSubSystemId = gpus[g].pciSubSystemId;
    return NVML_SUCCESS;
}

nvmlReturn_t DECLDIR nvmlDeviceGetCudaComputeCapability(nvmlDevice_t device, int *major, int *minor) {
    DEVICE_CALL(device, g);
    *major = gpus[g].ccMajor;
    *minor = gpus[g].ccMinor;
    return NVML_SUCCESS;
}

// ---- memory ----

// v1 has no reserved field: like NVIDIA's, it counts reserved memory as used.
nvmlReturn_t DECLDIR nvmlDeviceGetMemoryInfo(nvmlDevice_t device, nvmlMemory_t *memory) {
    if (mig_of(device) >= 0) {
        MIG_CALL(device, m);
        memory->total = migs[m].memTotal;
        memory->used = migs[m].memUsed;
        memory->free = migs[m].memTotal - migs[m].memUsed;
        return NVML_SUCCESS;
    }
    DEVICE_CALL(device, g);
    memory->total = gpus[g].memTotal;
    memory->free = gpus[g].memFree;
    memory->used = gpus[g].memUsed + gpus[g].memReserved;
    return NVML_SUCCESS;
}

#ifndef FAKE_OLD_DRIVER
nvmlReturn_t DECLDIR nvmlDeviceGetMemoryInfo_v2(nvmlDevice_t device, nvmlMemory_v2_t *memory) {
    if (mig_of(device) >= 0) {
        MIG_CALL(device, m);
        if (memory->version != nvmlMemory_v2) return NVML_ERROR_ARGUMENT_VERSION_MISMATCH;
        memory->total = migs[m].memTotal;
        memory->reserved = 0;
        memory->used = migs[m].memUsed;
        memory->free = migs[m].memTotal - migs[m].memUsed;
        return NVML_SUCCESS;
    }
    DEVICE_CALL(device, g);
    if (memory->version != nvmlMemory_v2) return NVML_ERROR_ARGUMENT_VERSION_MISMATCH;
    memory->total = gpus[g].memTotal;
    memory->reserved = gpus[g].memReserved;
    memory->free = gpus[g].memFree;
    memory->used = gpus[g].memUsed;
    return NVML_SUCCESS;
}
#endif

// ---- sensors ----

nvmlReturn_t DECLDIR nvmlDeviceGetUtilizationRates(nvmlDevice_t device, nvmlUtilization_t *utilization) {
    DEVICE_CALL(device, g);
    utilization->gpu = gpus[g].utilGpu;
    utilization->memory = gpus[g].utilMemory;
    return NVML_SUCCESS;
}

nvmlReturn_t DECLDIR nvmlDeviceGetTemperature(nvmlDevice_t device, nvmlTemperatureSensors_t sensorType,
                                              unsigned int *temp) {
    DEVICE_CALL(device, g);
    if (sensorType != NVML_TEMPERATURE_GPU) return NVML_ERROR_INVALID_ARGUMENT;
    *temp = gpus[g].temperature;
    return NVML_SUCCESS;
}

nvmlReturn_t DECLDIR nvmlDeviceGetPowerUsage(nvmlDevice_t device, unsigned int *power) {
    DEVICE_CALL(device, g);
    *power = gpus[g].powerUsage;
    return NVML_SUCCESS;
}

nvmlReturn_t DECLDIR nvmlDeviceGetEnforcedPowerLimit(nvmlDevice_t device, unsigned int *limit) {
    DEVICE_CALL(device, g);
    *limit = gpus[g].powerLimit;
    return NVML_SUCCESS;
}

nvmlReturn_t DECLDIR nvmlDeviceGetTotalEnergyConsumption(nvmlDevice_t device, unsigned long long *energy) {
    DEVICE_CALL(device, g);
    *energy = gpus[g].energy;
    return NVML_SUCCESS;
}

nvmlReturn_t DECLDIR nvmlDeviceGetClockInfo(nvmlDevice_t device, nvmlClockType_t type, unsigned int *clock) {
    DEVICE_CALL(device, g);
    if ((unsigned int) type > NVML_CLOCK_VIDEO) return NVML_ERROR_INVALID_ARGUMENT;
    *clock = gpus[g].clocks[type];
    return NVML_SUCCESS;
}

nvmlReturn_t DECLDIR nvmlDeviceGetFanSpeed(nvmlDevice_t device, unsigned int *speed) {
    DEVICE_CALL(device, g);
    if (!gpus[g].fanSupported) return NVML_ERROR_NOT_SUPPORTED;
    *speed = gpus[g].fan;
    return NVML_SUCCESS;
}

nvmlReturn_t DECLDIR nvmlDeviceGetPcieThroughput(nvmlDevice_t device, nvmlPcieUtilCounter_t counter,
                                                 unsigned int *value) {
    DEVICE_CALL(device, g);
    if ((unsigned int) counter > NVML_PCIE_UTIL_RX_BYTES) return NVML_ERROR_INVALID_ARGUMENT;
    *value = gpus[g].pcie[counter];
    return NVML_SUCCESS;
}

// ---- health ----

nvmlReturn_t DECLDIR nvmlDeviceGetTotalEccErrors(nvmlDevice_t device, nvmlMemoryErrorType_t errorType,
                                                 nvmlEccCounterType_t counterType, unsigned long long *eccCounts) {
    DEVICE_CALL(device, g);
    if (!gpus[g].eccSupported) return NVML_ERROR_NOT_SUPPORTED;
    if ((unsigned int) errorType > 1 || (unsigned int) counterType > 1) return NVML_ERROR_INVALID_ARGUMENT;
    *eccCounts = gpus[g].ecc[errorType][counterType];
    return NVML_SUCCESS;
}

nvmlReturn_t DECLDIR nvmlDeviceGetRemappedRows(nvmlDevice_t device, unsigned int *corrRows, unsigned int *uncRows,
                                               unsigned int *isPending, unsigned int *failureOccurred) {
    DEVICE_CALL(device, g);
    *corrRows = gpus[g].remapCorrectable;
    *uncRows = gpus[g].remapUncorrectable;
    *isPending = gpus[g].remapPending;
    *failureOccurred = gpus[g].remapFailure;
    return NVML_SUCCESS;
}

#ifndef FAKE_OLD_DRIVER
nvmlReturn_t DECLDIR nvmlDeviceGetCurrentClocksEventReasons(nvmlDevice_t device,
                                                            unsigned long long *clocksEventReasons) {
    DEVICE_CALL(device, g);
    *clocksEventReasons = gpus[g].clockEventReasons;
    return NVML_SUCCESS;
}
#endif

nvmlReturn_t DECLDIR nvmlDeviceGetCurrentClocksThrottleReasons(nvmlDevice_t device,
                                                               unsigned long long *clocksThrottleReasons) {
    DEVICE_CALL(device, g);
    *clocksThrottleReasons = gpus[g].clockEventReasons;
    return NVML_SUCCESS;
}

// ---- links ----

nvmlReturn_t DECLDIR nvmlDeviceGetCurrPcieLinkGeneration(nvmlDevice_t device, unsigned int *currLinkGen) {
    DEVICE_CALL(device, g);
    *currLinkGen = gpus[g].pcieGen[0];
    return NVML_SUCCESS;
}

nvmlReturn_t DECLDIR nvmlDeviceGetMaxPcieLinkGeneration(nvmlDevice_t device, unsigned int *maxLinkGen) {
    DEVICE_CALL(device, g);
    *maxLinkGen = gpus[g].pcieGen[1];
    return NVML_SUCCESS;
}

nvmlReturn_t DECLDIR nvmlDeviceGetCurrPcieLinkWidth(nvmlDevice_t device, unsigned int *currLinkWidth) {
    DEVICE_CALL(device, g);
    *currLinkWidth = gpus[g].pcieWidth[0];
    return NVML_SUCCESS;
}

nvmlReturn_t DECLDIR nvmlDeviceGetMaxPcieLinkWidth(nvmlDevice_t device, unsigned int *maxLinkWidth) {
    DEVICE_CALL(device, g);
    *maxLinkWidth = gpus[g].pcieWidth[1];
    return NVML_SUCCESS;
}

nvmlReturn_t DECLDIR nvmlDeviceGetNvLinkState(nvmlDevice_t device, unsigned int link, nvmlEnableState_t *isActive) {
    DEVICE_CALL(device, g);
    if (gpus[g].nvlinkCount == 0) return NVML_ERROR_NOT_SUPPORTED;
    if (link >= gpus[g].nvlinkCount) return NVML_ERROR_INVALID_ARGUMENT;
    *isActive = (gpus[g].nvlinkDown >> link) & 1u ? NVML_FEATURE_DISABLED : NVML_FEATURE_ENABLED;
    return NVML_SUCCESS;
}

// ---- engines and limits ----

nvmlReturn_t DECLDIR nvmlDeviceGetEncoderUtilization(nvmlDevice_t device, unsigned int *utilization,
                                                     unsigned int *samplingPeriodUs) {
    DEVICE_CALL(device, g);
    *utilization = gpus[g].encoder;
    *samplingPeriodUs = 167000;
    return NVML_SUCCESS;
}

nvmlReturn_t DECLDIR nvmlDeviceGetDecoderUtilization(nvmlDevice_t device, unsigned int *utilization,
                                                     unsigned int *samplingPeriodUs) {
    DEVICE_CALL(device, g);
    *utilization = gpus[g].decoder;
    *samplingPeriodUs = 167000;
    return NVML_SUCCESS;
}

nvmlReturn_t DECLDIR nvmlDeviceGetViolationStatus(nvmlDevice_t device, nvmlPerfPolicyType_t perfPolicyType,
                                                  nvmlViolationTime_t *violTime) {
    DEVICE_CALL(device, g);
    if ((unsigned int) perfPolicyType >= NVML_PERF_POLICY_COUNT) return NVML_ERROR_INVALID_ARGUMENT;
    violTime->referenceTime = 1733580000000000ULL;
    violTime->violationTime = gpus[g].violation[perfPolicyType];
    return NVML_SUCCESS;
}

// ---- field values ----

static void field_uint(nvmlFieldValue_t *v, unsigned int value) {
    v->valueType = NVML_VALUE_TYPE_UNSIGNED_INT;
    v->value.uiVal = value;
    v->nvmlReturn = NVML_SUCCESS;
}

static void field_ull(nvmlFieldValue_t *v, unsigned long long value) {
    v->valueType = NVML_VALUE_TYPE_UNSIGNED_LONG_LONG;
    v->value.ullVal = value;
    v->nvmlReturn = NVML_SUCCESS;
}

static void field_value(int g, nvmlFieldValue_t *v) {
    const fake_gpu *gpu = &gpus[g];
    v->timestamp = 1733580000000000LL;
    v->latencyUsec = 0;
    v->nvmlReturn = NVML_ERROR_NOT_SUPPORTED;
    int nvlink = gpu->nvlinkCount > 0;
    switch (v->fieldId) {
    case NVML_FI_DEV_MEMORY_TEMP:
        if (gpu->memTemp > 0) field_uint(v, gpu->memTemp);
        break;
    case NVML_FI_DEV_TOTAL_ENERGY_CONSUMPTION: field_ull(v, gpu->energy); break;
    case NVML_FI_DEV_PCIE_REPLAY_COUNTER: field_uint(v, gpu->pcieReplays); break;
    case NVML_FI_DEV_RETIRED_SBE: if (gpu->retiredSupported) field_ull(v, gpu->retiredSbe); break;
    case NVML_FI_DEV_RETIRED_DBE: if (gpu->retiredSupported) field_ull(v, gpu->retiredDbe); break;
    case NVML_FI_DEV_RETIRED_PENDING: if (gpu->retiredSupported) field_ull(v, gpu->retiredPending); break;
    case NVML_FI_DEV_NVLINK_LINK_COUNT: if (nvlink) field_uint(v, gpu->nvlinkCount); break;
    case NVML_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL: if (nvlink) field_ull(v, gpu->nvlinkErrors[0]); break;
    case NVML_FI_DEV_NVLINK_CRC_DATA_ERROR_COUNT_TOTAL: if (nvlink) field_ull(v, gpu->nvlinkErrors[1]); break;
    case NVML_FI_DEV_NVLINK_REPLAY_ERROR_COUNT_TOTAL: if (nvlink) field_ull(v, gpu->nvlinkErrors[2]); break;
    case NVML_FI_DEV_NVLINK_RECOVERY_ERROR_COUNT_TOTAL: if (nvlink) field_ull(v, gpu->nvlinkErrors[3]); break;
    case NVML_FI_DEV_NVLINK_THROUGHPUT_DATA_TX:
    case NVML_FI_DEV_NVLINK_THROUGHPUT_DATA_RX:
        if (!nvlink) break;
        if (v->scopeId >= gpu->nvlinkCount) {
            v->nvmlReturn = NVML_ERROR_INVALID_ARGUMENT;
            break;
        }
        field_ull(v, v->fieldId == NVML_FI_DEV_NVLINK_THROUGHPUT_DATA_TX
                     ? gpu->nvlinkTx[v->scopeId] : gpu->nvlinkRx[v->scopeId]);
        break;
    default:
        break;
    }
}

nvmlReturn_t DECLDIR nvmlDeviceGetFieldValues(nvmlDevice_t device, int valuesCount, nvmlFieldValue_t *values) {
    DEVICE_CALL(device, g);
    if (valuesCount < 0 || (valuesCount > 0 && values == NULL)) return NVML_ERROR_INVALID_ARGUMENT;
    for (int i = 0; i < valuesCount; i++) {
        field_value(g, &values[i]);
    }
    return NVML_SUCCESS;
}

// ---- modes ----

nvmlReturn_t DECLDIR nvmlDeviceGetPersistenceMode(nvmlDevice_t device, nvmlEnableState_t *mode) {
    DEVICE_CALL(device, g);
    *mode = gpus[g].persistence;
    return NVML_SUCCESS;
}

nvmlReturn_t DECLDIR nvmlDeviceGetComputeMode(nvmlDevice_t device, nvmlComputeMode_t *mode) {
    DEVICE_CALL(device, g);
    *mode = gpus[g].computeMode;
    return NVML_SUCCESS;
}

nvmlReturn_t DECLDIR nvmlDeviceGetMigMode(nvmlDevice_t device, unsigned int *currentMode, unsigned int *pendingMode) {
    DEVICE_CALL(device, g);
    if (!gpus[g].migSupported) return NVML_ERROR_NOT_SUPPORTED;
    *currentMode = gpus[g].migCurrent;
    *pendingMode = gpus[g].migPending;
    return NVML_SUCCESS;
}

nvmlReturn_t DECLDIR nvmlDeviceGetMaxMigDeviceCount(nvmlDevice_t device, unsigned int *count) {
    DEVICE_CALL(device, g);
    *count = gpus[g].migSupported && gpus[g].migCurrent == NVML_DEVICE_MIG_ENABLE ? MIG_SLOTS : 0;
    return NVML_SUCCESS;
}

// The MIG devices of a GPU in table order; a slot past the last one holds none (NOT_FOUND).
nvmlReturn_t DECLDIR nvmlDeviceGetMigDeviceHandleByIndex(nvmlDevice_t device, unsigned int index,
                                                         nvmlDevice_t *migDevice) {
    DEVICE_CALL(device, g);
    if (!gpus[g].migSupported || gpus[g].migCurrent != NVML_DEVICE_MIG_ENABLE) return NVML_ERROR_NOT_SUPPORTED;
    if (index >= MIG_SLOTS) return NVML_ERROR_INVALID_ARGUMENT;
    unsigned int seen = 0;
    for (int i = 0; i < MIG_COUNT; i++) {
        if (migs[i].parent == g && seen++ == index) {
            *migDevice = (nvmlDevice_t) (void *) &migs[i];
            return NVML_SUCCESS;
        }
    }
    return NVML_ERROR_NOT_FOUND;
}

nvmlReturn_t DECLDIR nvmlDeviceGetGpuInstanceId(nvmlDevice_t device, unsigned int *id) {
    MIG_CALL(device, m);
    *id = migs[m].gpuInstanceId;
    return NVML_SUCCESS;
}

nvmlReturn_t DECLDIR nvmlDeviceGetComputeInstanceId(nvmlDevice_t device, unsigned int *id) {
    MIG_CALL(device, m);
    *id = migs[m].computeInstanceId;
    return NVML_SUCCESS;
}

// ---- processes ----

static void start_churned_process(int g) {
    if (churn[g] > 0 && gpus[g].computeCount < MAX_PROCESSES) {
        churn[g]--;
        unsigned int k = gpus[g].computeCount++;
        gpus[g].compute[k] = (fake_process) {50001 + k, 1048583ULL * (k + 1), NO_ID, NO_ID};
    }
}

// Answers as NVML does: the needed count and NVML_ERROR_INSUFFICIENT_SIZE when the caller's array
// is too small (a count of 0 asks for the size), else the entries and their count.
static nvmlReturn_t list_processes(int g, int compute, unsigned int *infoCount, void *infos, size_t entrySize,
                                   int withInstanceIds) {
    const fake_process *list = compute ? gpus[g].compute : gpus[g].graphics;
    unsigned int n = compute ? gpus[g].computeCount : gpus[g].graphicsCount;
    if (infoCount == NULL) return NVML_ERROR_INVALID_ARGUMENT;
    if (*infoCount < n) {
        *infoCount = n;
        if (compute) start_churned_process(g);
        return NVML_ERROR_INSUFFICIENT_SIZE;
    }
    if (n > 0 && infos == NULL) return NVML_ERROR_INVALID_ARGUMENT;
    for (unsigned int i = 0; i < n; i++) {
        unsigned char *entry = (unsigned char *) infos + i * entrySize;
        if (withInstanceIds) {
            nvmlProcessInfo_t info = {list[i].pid, list[i].usedGpuMemory, list[i].gpuInstanceId,
                                      list[i].computeInstanceId};
            memcpy(entry, &info, sizeof info);
        } else {
            nvmlProcessInfo_v1_t info = {list[i].pid, list[i].usedGpuMemory};
            memcpy(entry, &info, sizeof info);
        }
    }
    *infoCount = n;
    return NVML_SUCCESS;
}

#ifndef FAKE_OLD_DRIVER
nvmlReturn_t DECLDIR nvmlDeviceGetComputeRunningProcesses_v3(nvmlDevice_t device, unsigned int *infoCount,
                                                             nvmlProcessInfo_t *infos) {
    DEVICE_CALL(device, g);
    return list_processes(g, 1, infoCount, infos, sizeof *infos, 1);
}

nvmlReturn_t DECLDIR nvmlDeviceGetGraphicsRunningProcesses_v3(nvmlDevice_t device, unsigned int *infoCount,
                                                              nvmlProcessInfo_t *infos) {
    DEVICE_CALL(device, g);
    return list_processes(g, 0, infoCount, infos, sizeof *infos, 1);
}
#endif

#ifndef FAKE_V1_PROCESSES_ONLY
nvmlReturn_t DECLDIR nvmlDeviceGetComputeRunningProcesses_v2(nvmlDevice_t device, unsigned int *infoCount,
                                                             nvmlProcessInfo_v2_t *infos) {
    DEVICE_CALL(device, g);
    return list_processes(g, 1, infoCount, infos, sizeof *infos, 1);
}

nvmlReturn_t DECLDIR nvmlDeviceGetGraphicsRunningProcesses_v2(nvmlDevice_t device, unsigned int *infoCount,
                                                              nvmlProcessInfo_v2_t *infos) {
    DEVICE_CALL(device, g);
    return list_processes(g, 0, infoCount, infos, sizeof *infos, 1);
}
#endif

nvmlReturn_t DECLDIR nvmlDeviceGetComputeRunningProcesses(nvmlDevice_t device, unsigned int *infoCount,
                                                          nvmlProcessInfo_v1_t *infos) {
    DEVICE_CALL(device, g);
    return list_processes(g, 1, infoCount, infos, sizeof *infos, 0);
}

nvmlReturn_t DECLDIR nvmlDeviceGetGraphicsRunningProcesses(nvmlDevice_t device, unsigned int *infoCount,
                                                           nvmlProcessInfo_v1_t *infos) {
    DEVICE_CALL(device, g);
    return list_processes(g, 0, infoCount, infos, sizeof *infos, 0);
}

// ---- events ----

nvmlReturn_t DECLDIR nvmlEventSetCreate(nvmlEventSet_t *set) {
    SYSTEM_CALL();
    *set = (nvmlEventSet_t) (void *) &event_set_token;
    return NVML_SUCCESS;
}

nvmlReturn_t DECLDIR nvmlDeviceRegisterEvents(nvmlDevice_t device, unsigned long long eventTypes,
                                              nvmlEventSet_t set) {
    DEVICE_CALL(device, g);
    if ((void *) set != (void *) &event_set_token) return NVML_ERROR_INVALID_ARGUMENT;
    gpus[g].registeredEvents |= eventTypes;
    return NVML_SUCCESS;
}

// Delivers the oldest queued Xid of a GPU registered for Xid events. With nothing queued it
// answers NVML_ERROR_TIMEOUT at once rather than sleeping: tests need the answer, not the wait.
nvmlReturn_t DECLDIR nvmlEventSetWait_v2(nvmlEventSet_t set, nvmlEventData_t *data, unsigned int timeoutms) {
    (void) timeoutms;
    SYSTEM_CALL();
    if ((void *) set != (void *) &event_set_token) return NVML_ERROR_INVALID_ARGUMENT;
    for (int i = 0; i < xid_count; i++) {
        int g = xids[i].gpu;
        if (g < 0 || g >= GPU_COUNT || !(gpus[g].registeredEvents & nvmlEventTypeXidCriticalError)) continue;
        data->device = handle_of(g);
        data->eventType = nvmlEventTypeXidCriticalError;
        data->eventData = xids[i].xid;
        data->gpuInstanceId = NO_ID;
        data->computeInstanceId = NO_ID;
        memmove(&xids[i], &xids[i + 1], (size_t) (xid_count - i - 1) * sizeof xids[0]);
        xid_count--;
        return NVML_SUCCESS;
    }
    return NVML_ERROR_TIMEOUT;
}

nvmlReturn_t DECLDIR nvmlEventSetFree(nvmlEventSet_t set) {
    SYSTEM_CALL();
    if ((void *) set != (void *) &event_set_token) return NVML_ERROR_INVALID_ARGUMENT;
    for (int i = 0; i < GPU_COUNT; i++) {
        gpus[i].registeredEvents = 0;
    }
    return NVML_SUCCESS;
}

// ---- per-process utilization ----

#define MAX_SAMPLES 4

// Fixed samples per GPU, in nvmlProcessUtilizationSample_t order: pid, timeStamp (CPU microseconds),
// smUtil, memUtil, encUtil, decUtil. GPU 0 is in MIG mode, where the driver has no per-process samples.
static const nvmlProcessUtilizationSample_t process_samples[GPU_COUNT][MAX_SAMPLES] = {
    {{0}},
    {{777, 1700000000000100ULL, 63, 30, 12, 9}, {1999, 1700000000000200ULL, 4, 1, 0, 0}},
};
static const unsigned int process_sample_count[GPU_COUNT] = {0, 2};

// As the R535 driver answers: NOT_FOUND when no sample is newer than lastSeenTimeStamp, else the
// needed count and INSUFFICIENT_SIZE for a missing or small array, else the samples.
nvmlReturn_t DECLDIR nvmlDeviceGetProcessUtilization(nvmlDevice_t device, nvmlProcessUtilizationSample_t *utilization,
                                                     unsigned int *processSamplesCount,
                                                     unsigned long long lastSeenTimeStamp) {
    DEVICE_CALL(device, g);
    if (processSamplesCount == NULL) return NVML_ERROR_INVALID_ARGUMENT;
    if (gpus[g].migCurrent) return NVML_ERROR_NOT_SUPPORTED;
    unsigned int n = 0;
    for (unsigned int i = 0; i < process_sample_count[g]; i++) {
        if (process_samples[g][i].timeStamp > lastSeenTimeStamp) n++;
    }
    if (n == 0) return NVML_ERROR_NOT_FOUND;
    if (utilization == NULL || *processSamplesCount < n) {
        *processSamplesCount = n;
        return NVML_ERROR_INSUFFICIENT_SIZE;
    }
    unsigned int k = 0;
    for (unsigned int i = 0; i < process_sample_count[g]; i++) {
        if (process_samples[g][i].timeStamp > lastSeenTimeStamp) utilization[k++] = process_samples[g][i];
    }
    *processSamplesCount = n;
    return NVML_SUCCESS;
}

// ---- GPU Performance Monitoring (R520 and later; Hopper and newer GPUs: GPU 0, not the Ada GPU 1) ----

#ifndef FAKE_OLD_DRIVER

struct nvmlGpmSample_st {
    int gpu;                  // -1 until filled
    long gpuInstance;         // -1 for a sample of the whole GPU
    unsigned long long taken; // order of filling, so a pair knows which came first
};

static unsigned long long gpm_samples_taken;

static int gpm_supported(int g) {
    return gpus[g].architecture >= NVML_DEVICE_ARCH_HOPPER;
}

// The fake H100's metrics over any interval: distinct, non-round values in NVML's units (%, MiB/s).
static int gpm_value(unsigned int metricId, double *value) {
    switch (metricId) {
    case NVML_GPM_METRIC_GRAPHICS_UTIL: *value = 87.25; return 1;
    case NVML_GPM_METRIC_SM_UTIL: *value = 71.5; return 1;
    case NVML_GPM_METRIC_SM_OCCUPANCY: *value = 43.75; return 1;
    case NVML_GPM_METRIC_ANY_TENSOR_UTIL: *value = 42.125; return 1;
    case NVML_GPM_METRIC_DRAM_BW_UTIL: *value = 55.5; return 1;
    case NVML_GPM_METRIC_FP64_UTIL: *value = 3.25; return 1;
    case NVML_GPM_METRIC_FP32_UTIL: *value = 21.75; return 1;
    case NVML_GPM_METRIC_FP16_UTIL: *value = 9.5; return 1;
    case NVML_GPM_METRIC_PCIE_TX_PER_SEC: *value = 1234.5; return 1;
    case NVML_GPM_METRIC_PCIE_RX_PER_SEC: *value = 2345.25; return 1;
    case NVML_GPM_METRIC_NVLINK_TOTAL_RX_PER_SEC: *value = 40960.5; return 1;
    case NVML_GPM_METRIC_NVLINK_TOTAL_TX_PER_SEC: *value = 38912.25; return 1;
    default: return 0;
    }
}

nvmlReturn_t DECLDIR nvmlGpmQueryDeviceSupport(nvmlDevice_t device, nvmlGpmSupport_t *gpmSupport) {
    DEVICE_CALL(device, g);
    if (gpmSupport == NULL) return NVML_ERROR_INVALID_ARGUMENT;
    if (gpmSupport->version != NVML_GPM_SUPPORT_VERSION) return NVML_ERROR_ARGUMENT_VERSION_MISMATCH;
    gpmSupport->isSupportedDevice = (unsigned int) gpm_supported(g);
    return NVML_SUCCESS;
}

nvmlReturn_t DECLDIR nvmlGpmSampleAlloc(nvmlGpmSample_t *gpmSample) {
    SYSTEM_CALL();
    if (gpmSample == NULL) return NVML_ERROR_INVALID_ARGUMENT;
    *gpmSample = malloc(sizeof **gpmSample);
    if (*gpmSample == NULL) return NVML_ERROR_MEMORY;
    (*gpmSample)->gpu = -1;
    (*gpmSample)->gpuInstance = -1;
    (*gpmSample)->taken = 0;
    return NVML_SUCCESS;
}

nvmlReturn_t DECLDIR nvmlGpmSampleFree(nvmlGpmSample_t gpmSample) {
    SYSTEM_CALL();
    if (gpmSample == NULL) return NVML_ERROR_INVALID_ARGUMENT;
    free(gpmSample);
    return NVML_SUCCESS;
}

nvmlReturn_t DECLDIR nvmlGpmSampleGet(nvmlDevice_t device, nvmlGpmSample_t gpmSample) {
    DEVICE_CALL(device, g);
    if (gpmSample == NULL) return NVML_ERROR_INVALID_ARGUMENT;
    if (!gpm_supported(g)) return NVML_ERROR_NOT_SUPPORTED;
    gpmSample->gpu = g;
    gpmSample->gpuInstance = -1;
    gpmSample->taken = ++gpm_samples_taken;
    return NVML_SUCCESS;
}

// Declared by nvml.h from R525 on; signature as documented there.
nvmlReturn_t DECLDIR nvmlGpmMigSampleGet(nvmlDevice_t device, unsigned int gpuInstanceId, nvmlGpmSample_t gpmSample);

nvmlReturn_t DECLDIR nvmlGpmMigSampleGet(nvmlDevice_t device, unsigned int gpuInstanceId, nvmlGpmSample_t gpmSample) {
    DEVICE_CALL(device, g);
    if (gpmSample == NULL) return NVML_ERROR_INVALID_ARGUMENT;
    if (!gpm_supported(g) || gpus[g].migCurrent != NVML_DEVICE_MIG_ENABLE) return NVML_ERROR_NOT_SUPPORTED;
    for (int i = 0; i < MIG_COUNT; i++) {
        if (migs[i].parent == g && migs[i].gpuInstanceId == gpuInstanceId) {
            gpmSample->gpu = g;
            gpmSample->gpuInstance = (long) gpuInstanceId;
            gpmSample->taken = ++gpm_samples_taken;
            return NVML_SUCCESS;
        }
    }
    return NVML_ERROR_INVALID_ARGUMENT;
}

// Like NVML, wants two filled samples of one GPU, the earlier first.
nvmlReturn_t DECLDIR nvmlGpmMetricsGet(nvmlGpmMetricsGet_t *metricsGet) {
    SYSTEM_CALL();
    if (metricsGet == NULL) return NVML_ERROR_INVALID_ARGUMENT;
    if (metricsGet->version != NVML_GPM_METRICS_GET_VERSION) return NVML_ERROR_ARGUMENT_VERSION_MISMATCH;
    nvmlGpmSample_t first = metricsGet->sample1, second = metricsGet->sample2;
    if (metricsGet->numMetrics > NVML_GPM_METRIC_MAX || first == NULL || second == NULL || first->gpu < 0
            || first->gpu != second->gpu || first->gpuInstance != second->gpuInstance
            || first->taken >= second->taken) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    for (unsigned int i = 0; i < metricsGet->numMetrics; i++) {
        nvmlGpmMetric_t *m = &metricsGet->metrics[i];
        m->nvmlReturn = gpm_value(m->metricId, &m->value) ? NVML_SUCCESS : NVML_ERROR_NOT_SUPPORTED;
        // A GPU instance's own values: a quarter of the whole GPU's, plus its id, so each is distinct.
        if (first->gpuInstance >= 0) m->value = m->value / 4 + (double) first->gpuInstance;
        m->metricInfo.shortName = NULL;
        m->metricInfo.longName = NULL;
        m->metricInfo.unit = NULL;
    }
    return NVML_SUCCESS;
}

#endif
