#pragma once
// A list that is cheap to copy: the ready queue and the timer heap of a replayed state.
//
// A big run has 20,000 timers or ready callbacks at once. The replay keeps a snapshot of the
// state every 1,024 events and copies one on every jump, so a plain vector meant copying
// 20,000 items (each with its callback's name) per jump, and hundreds of megabytes of
// snapshots. Here the items live in chunks of up to 2 * kChunkSize that copies share; a
// change copies only the chunk it touches (copy-on-write). Inserting in the middle (a timer
// by deadline) moves at most one chunk's items instead of the whole list's.

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <memory>
#include <tuple>
#include <vector>

namespace looplab {

template <typename T> class SharedList {
    using Chunk = std::vector<T>;

  public:
    static constexpr size_t kChunkSize = 64;

    class const_iterator {
      public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = const T*;
        using reference = const T&;

        const_iterator() = default;
        const T& operator*() const { return (*list_->chunks_[chunk_])[item_]; }
        const T* operator->() const { return &**this; }
        const_iterator& operator++() {
            if (++item_ == list_->chunks_[chunk_]->size()) {
                ++chunk_;
                item_ = 0;
            }
            return *this;
        }
        const_iterator operator++(int) {
            const_iterator before = *this;
            ++*this;
            return before;
        }
        bool operator==(const const_iterator& other) const {
            return chunk_ == other.chunk_ && item_ == other.item_;
        }
        bool operator!=(const const_iterator& other) const { return !(*this == other); }

      private:
        friend class SharedList;
        const_iterator(const SharedList* list, size_t chunk) : list_(list), chunk_(chunk) {}
        const SharedList* list_ = nullptr;
        size_t chunk_ = 0;
        size_t item_ = 0;
    };
    using iterator = const_iterator;

    const_iterator begin() const { return const_iterator(this, 0); }
    const_iterator end() const { return const_iterator(this, chunks_.size()); }
    size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    const T& front() const { return chunks_.front()->front(); }
    const T& operator[](size_t index) const {
        const auto [chunk, item] = locate(index);
        return (*chunks_[chunk])[item];
    }

    const_iterator iteratorAt(size_t index) const {
        if (index >= size_)
            return end();
        const_iterator at(this, 0);
        std::tie(at.chunk_, at.item_) = locate(index);
        return at;
    }

    // The item at `index`, to change in place; its chunk is copied first if shared.
    T& edit(size_t index) {
        const auto [chunk, item] = locate(index);
        return writable(chunk)[item];
    }

    void push_back(T item) {
        if (chunks_.empty() || chunks_.back()->size() >= kChunkSize)
            chunks_.push_back(std::make_shared<Chunk>());
        writable(chunks_.size() - 1).push_back(std::move(item));
        ++size_;
    }

    // Puts `item` before the item now at `index` (at the end when index == size()).
    void insert(size_t index, T item) {
        if (index >= size_) {
            push_back(std::move(item));
            return;
        }
        const auto [chunk, at] = locate(index);
        Chunk& items = writable(chunk);
        items.insert(items.begin() + static_cast<std::ptrdiff_t>(at), std::move(item));
        ++size_;
        if (items.size() > 2 * kChunkSize) { // split, so a chunk stays cheap to copy
            auto second =
                std::make_shared<Chunk>(std::make_move_iterator(items.begin() + kChunkSize),
                                        std::make_move_iterator(items.end()));
            items.resize(kChunkSize);
            chunks_.insert(chunks_.begin() + static_cast<std::ptrdiff_t>(chunk) + 1,
                           std::move(second));
        }
    }

    void erase(size_t index) {
        const auto [chunk, at] = locate(index);
        Chunk& items = writable(chunk);
        items.erase(items.begin() + static_cast<std::ptrdiff_t>(at));
        --size_;
        if (items.empty()) // no empty chunks: iteration and front() rely on it
            chunks_.erase(chunks_.begin() + static_cast<std::ptrdiff_t>(chunk));
    }

    // The index of the first item matching `pred`, or size() when none does.
    template <typename Pred> size_t indexWhere(Pred pred) const {
        size_t base = 0;
        for (const auto& chunk : chunks_) {
            const auto found = std::find_if(chunk->begin(), chunk->end(), pred);
            if (found != chunk->end())
                return base + static_cast<size_t>(found - chunk->begin());
            base += chunk->size();
        }
        return size_;
    }

    // The first index whose item is not less than `key`, in a list sorted by `less`.
    template <typename Key, typename Less> size_t lowerBound(const Key& key, Less less) const {
        size_t base = 0;
        for (const auto& chunk : chunks_) {
            if (!less(chunk->back(), key))
                return base + static_cast<size_t>(
                                  std::lower_bound(chunk->begin(), chunk->end(), key, less) -
                                  chunk->begin());
            base += chunk->size();
        }
        return size_;
    }

    // Where `item` goes in a list sorted by `less`: after every item not greater than it.
    template <typename Less> size_t upperBound(const T& item, Less less) const {
        size_t base = 0;
        for (const auto& chunk : chunks_) {
            if (less(item, chunk->back()))
                return base + static_cast<size_t>(
                                  std::upper_bound(chunk->begin(), chunk->end(), item, less) -
                                  chunk->begin());
            base += chunk->size();
        }
        return size_;
    }

    // Whether the two lists hold the very same chunk at `chunk` (tests check the sharing).
    bool sharesChunk(const SharedList& other, size_t chunk) const {
        return chunk < chunks_.size() && chunk < other.chunks_.size() &&
               chunks_[chunk] == other.chunks_[chunk];
    }

  private:
    // Chunk and position of the item at `index` (< size()).
    std::pair<size_t, size_t> locate(size_t index) const {
        size_t chunk = 0;
        while (index >= chunks_[chunk]->size())
            index -= chunks_[chunk++]->size();
        return {chunk, index};
    }

    // The chunk to change; copied first when another list shares it.
    Chunk& writable(size_t chunk) {
        if (chunks_[chunk].use_count() > 1)
            chunks_[chunk] = std::make_shared<Chunk>(*chunks_[chunk]);
        return *chunks_[chunk];
    }

    std::vector<std::shared_ptr<Chunk>> chunks_; // none empty
    size_t size_ = 0;
};

} // namespace looplab
